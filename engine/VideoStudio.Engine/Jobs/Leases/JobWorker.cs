using System.Security.Cryptography;

namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>
/// This process as a worker: one id for every lease it takes (host name, process id and a random part, so a
/// restarted process with a reused pid is still a different worker).
/// </summary>
internal sealed class JobWorker
{
    /// <summary>Creates the worker identity of this process.</summary>
    public JobWorker() => Id = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>The worker id stored on every lease this process holds.</summary>
    public string Id { get; }
}
