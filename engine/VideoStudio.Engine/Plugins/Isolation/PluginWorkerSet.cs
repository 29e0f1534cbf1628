namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>The workers of one catalog snapshot: disposing it ends every process (a reload or removal frees what they held).</summary>
internal sealed class PluginWorkerSet : IDisposable
{
    private readonly Dictionary<string, PluginWorker> workers = new(StringComparer.Ordinal);

    /// <summary>A set with no workers.</summary>
    public static PluginWorkerSet Empty { get; } = new();

    /// <summary>The worker of <paramref name="pluginId"/>, if its code runs out of process.</summary>
    public PluginWorker? Of(string pluginId)
    {
        lock (workers)
        {
            return workers.GetValueOrDefault(pluginId);
        }
    }

    /// <summary>Adds a plugin's worker.</summary>
    public void Add(PluginWorker worker)
    {
        lock (workers)
        {
            workers[worker.PluginId] = worker;
        }
    }

    /// <summary>Ends and forgets one plugin's worker (its code failed at load).</summary>
    public void Remove(string pluginId)
    {
        lock (workers)
        {
            if (workers.Remove(pluginId, out PluginWorker? worker))
            {
                worker.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (workers)
        {
            foreach (PluginWorker worker in workers.Values)
            {
                worker.Dispose();
            }

            workers.Clear();
        }
    }
}
