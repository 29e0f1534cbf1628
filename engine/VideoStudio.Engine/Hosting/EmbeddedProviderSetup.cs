using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Engine.Hosting;

/// <summary>
/// When the jobs run on the embedded provider, the WaveSpeed options name its key and address (runs after every
/// configured value, so the choice sees the configured key).
/// </summary>
internal sealed class EmbeddedWaveSpeedSetup(EmbeddedProviderState embedded) : IPostConfigureOptions<WaveSpeedOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, WaveSpeedOptions options)
    {
        if (name == Options.DefaultName && embedded.Choose(options.ApiKey))
        {
            options.ApiKey = embedded.ApiKey;
            options.BaseUrl = embedded.Server?.BaseUrl ?? EmbeddedProvider.NotStartedUrl;
        }
    }
}

/// <summary>
/// Simulated jobs live apart from real ones (<c>&lt;data&gt;/embedded-simulator</c>), without a paid tier's limits,
/// polled on the simulator's clock, its charges looked up soon after each task, with its webhook secret trusted
/// (the CLI's jobs too: it embeds the engine this way).
/// </summary>
internal sealed class EmbeddedJobSetup(IOptionsMonitor<WaveSpeedOptions> wavespeed, EmbeddedProviderState embedded) : IPostConfigureOptions<JobOptions>
{
    /// <summary>The subfolder of the data directory simulated jobs live in (the CLI's too).</summary>
    public const string FolderName = "embedded-simulator";

    /// <inheritdoc />
    public void PostConfigure(string? name, JobOptions options)
    {
        _ = wavespeed.CurrentValue; // makes the choice
        if (name != Options.DefaultName || !embedded.IsChosen)
        {
            return;
        }

        options.DataDirectory = Path.Combine(options.DataDirectory, FolderName);
        options.AbandonJobsOfOtherProviders = true;
        options.MaxConcurrentJobs = Math.Max(options.MaxConcurrentJobs, 64);
        options.SubmitsPerMinute = Math.Max(options.SubmitsPerMinute, 6000);
        options.ReconcileWindow = TimeSpan.FromSeconds(10);
        options.ProcessingTimeScale = embedded.LatencyScale;
        options.WebhookSecret = embedded.WebhookSecret;
        // The simulator's billing record exists about a second after its task ends: ask soon, so a caller waiting for
        // the charge (the CLI's `generate`) sees it, instead of a real account's schedule (5 s, then minutes apart).
        options.ChargeLookupDelays ??= [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)];
    }
}
