using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Telemetry;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>What the job facade's components share (intake, watcher, cancel, webhooks in): the store, provider, clock, events, options.</summary>
internal sealed class JobContext(IJobStore store, IVideoProvider provider, TimeProvider time, JobEventHub events, IOptions<JobOptions> options, VideoStudioMetrics metrics, ILogger<JobContext> logger)
{
    /// <summary>The engine's instruments.</summary>
    public VideoStudioMetrics Metrics => metrics;

    /// <summary>The store.</summary>
    public IJobStore Store => store;

    /// <summary>The provider client.</summary>
    public IVideoProvider Provider => provider;

    /// <summary>The clock.</summary>
    public TimeProvider Time => time;

    /// <summary>The event hub.</summary>
    public JobEventHub Events => events;

    /// <summary>Job options.</summary>
    public JobOptions Options => options.Value;

    /// <summary>The provider account jobs are sent to (<see cref="VideoProviderMetadata.Account"/>), stored on each job.</summary>
    public string ProviderName => provider.Metadata.Account;

    /// <summary>The logger.</summary>
    public ILogger Logger => logger;
}
