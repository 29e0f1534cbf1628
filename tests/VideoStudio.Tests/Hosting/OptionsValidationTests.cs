using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Hosting;

/// <summary>A bad setting fails loudly, naming itself and the rule, instead of being clamped to something that runs.</summary>
public sealed class OptionsValidationTests
{
    private static T Resolve<T>(Action<IServiceCollection> configure) where T : class
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.GetTempPath());
        configure(services);
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    [Theory]
    [InlineData(nameof(JobOptions.DownloadConcurrency))]
    [InlineData(nameof(JobOptions.PollConcurrency))]
    [InlineData(nameof(JobOptions.MaxConcurrentJobs))]
    public void JobOptions_CountBelowOne_RefusedNamingTheSetting(string setting)
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve<JobOptions>(s => s.Configure<JobOptions>(o =>
            typeof(JobOptions).GetProperty(setting)!.SetValue(o, 0))));

        error.Message.ShouldContain($"VideoStudio:Jobs:{setting} is 0: at least 1.");
    }

    [Fact]
    public void JobOptions_StorageRetryMaxBelowFirstDelay_Refused()
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve<JobOptions>(s => s.Configure<JobOptions>(o =>
        {
            o.StorageRetryDelay = TimeSpan.FromMinutes(1);
            o.StorageRetryMaxDelay = TimeSpan.FromSeconds(1);
        })));

        error.Message.ShouldContain("StorageRetryDelay");
    }

    [Theory]
    [InlineData(nameof(WaveSpeedOptions.SubmitConnectRetries), 5, "0 to 2")]
    [InlineData(nameof(WaveSpeedOptions.DownloadMaxAttempts), 0, "at least 1")]
    [InlineData(nameof(WaveSpeedOptions.UploadMaxAttempts), 0, "at least 1")]
    [InlineData(nameof(WaveSpeedOptions.CircuitBreakerMinimumThroughput), 1, "at least 2")]
    [InlineData(nameof(WaveSpeedOptions.HistoryMaxPages), 0, "at least 1")]
    public void WaveSpeedOptions_OutOfRange_RefusedInsteadOfClamped(string setting, int value, string rule)
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve<WaveSpeedOptions>(s => s.Configure<WaveSpeedOptions>(o =>
            typeof(WaveSpeedOptions).GetProperty(setting)!.SetValue(o, value))));

        error.Message.ShouldContain($"WaveSpeed:{setting} is {value}");
        error.Message.ShouldContain(rule);
    }

    [Theory]
    [InlineData("PluginReloadDebounce", "00:05:00", "VideoStudio:PluginReloadDebounce is 00:05:00: between zero and 1 minute.")]
    [InlineData("RemoteProbeTimeout", "00:00:00", "VideoStudio:RemoteProbeTimeout is 00:00:00: above zero and at most 10 minutes.")]
    public void VideoStudioOptions_OutOfRange_HostStopsAtStartNamingTheSettingAndTheFix(string setting, string value, string message)
    {
        string? failure = Support.OptionsFailures.Of<VideoStudioOptions>(o => typeof(VideoStudioOptions).GetProperty(setting)!.SetValue(o, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

        failure.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public void VideoStudioOptions_PluginsDirectoryEmpty_HostStopsAtStart() =>
        Support.OptionsFailures.Of<VideoStudioOptions>(o => o.PluginsDirectory = "").ShouldNotBeNull().ShouldContain("VideoStudio:PluginsDirectory is empty");

    [Fact]
    public void PluginLimits_DepthAbove60_HostStopsAtStartNamingTheSettingAndTheRange() =>
        Support.OptionsFailures.Of<Engine.Plugins.PluginLimits>(o => o.MaxJsonDepth = 64).ShouldNotBeNull().ShouldContain("VideoStudio:PluginLimits:MaxJsonDepth is 64: between 4 and 60.");

    [Theory]
    [InlineData(nameof(JobOptions.MaxConcurrentJobs), "VideoStudio:Jobs:MaxConcurrentJobs is 0: at least 1.")]
    [InlineData(nameof(JobOptions.SubmitsPerMinute), "VideoStudio:Jobs:SubmitsPerMinute is 0: at least 1.")]
    public void JobOptions_CountBelowOne_HostStopsAtStart(string setting, string message) =>
        Support.OptionsFailures.Of<JobOptions>(o => typeof(JobOptions).GetProperty(setting)!.SetValue(o, 0)).ShouldNotBeNull().ShouldContain(message);

    [Fact]
    public void JobOptions_RenewalLongerThanHalfTheLease_CrossSettingRuleStopsTheHostAtStart() =>
        Support.OptionsFailures.Of<JobOptions>(o => o.LeaseRenewInterval = TimeSpan.FromSeconds(20)).ShouldNotBeNull().ShouldContain("at most half of LeaseDuration");

    [Fact]
    public void EveryOptionsClass_Defaults_PassAtStart()
    {
        Support.OptionsFailures.Of<VideoStudioOptions>(_ => { }).ShouldBeNull();
        Support.OptionsFailures.Of<JobOptions>(_ => { }).ShouldBeNull();
    }

    [Fact]
    public void WaveSpeedOptions_Defaults_Valid()
    {
        Resolve<WaveSpeedOptions>(_ => { }).DownloadMaxAttempts.ShouldBe(5);
        Resolve<JobOptions>(_ => { }).DownloadConcurrency.ShouldBe(8);
    }
}
