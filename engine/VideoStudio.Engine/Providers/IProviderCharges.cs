namespace VideoStudio.Engine.Providers;

/// <summary>
/// Optional provider capability (through <see cref="IVideoProvider.GetService"/>): what the provider billed for a task,
/// so a job's estimate can be compared with its real charge. A provider without it bills nothing the engine can read.
/// </summary>
public interface IProviderCharges
{
    /// <summary>What the provider billed for a task, or null while it has no record yet (ask again later; never read as $0).</summary>
    /// <exception cref="ProviderException">The records could not be read.</exception>
    Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken);
}
