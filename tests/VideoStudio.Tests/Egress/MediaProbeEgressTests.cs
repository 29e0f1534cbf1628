using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Egress;

/// <summary>The engine's media probe goes through the egress policy: a refused URL is an error that says only "not allowed".</summary>
public sealed class MediaProbeEgressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9/still.png")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam")]
    [InlineData("http://[::1]:8080/still.png")]
    public async Task ValidateAsync_MediaUrlOnHostNetwork_RefusedWithoutConnecting(string url)
    {
        var dialer = new RecordingDialer();
        var services = new ServiceCollection();
        services.AddSingleton<IEgressDialer>(dialer);
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = TestPaths.Plugins;
            o.ProbeRemoteMedia = true;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IVideoStudio studio = provider.GetRequiredService<IVideoStudio>();

        ValidationReport report = await studio.ValidateAsync("alibaba/wan-2.5/image-to-video",
            new JsonObject { ["image"] = url, ["prompt"] = "a paper boat", ["duration"] = 5 }, TestContext.Current.CancellationToken);

        report.Valid.ShouldBeFalse();
        ValidationIssue issue = report.Errors.ShouldHaveSingleItem();
        issue.Code.ShouldBe(ErrorCodes.MediaUrlNotAllowed);
        issue.Message.ShouldContain("not allowed");
        dialer.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task EstimateExampleAsync_EveryCard_PricedFromExampleSecondsWithoutAnyConnection()
    {
        var dialer = new RecordingDialer();
        var services = new ServiceCollection();
        services.AddSingleton<IEgressDialer>(dialer);
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = TestPaths.Plugins;
            o.ProbeRemoteMedia = true;
        });
        services.Configure<EgressOptions>(o => o.AllowPrivateNetworks = true); // even a CLI that may fetch loopback does not
        await using ServiceProvider provider = services.BuildServiceProvider();
        IVideoStudio studio = provider.GetRequiredService<IVideoStudio>();

        foreach (var model in (await studio.SnapshotAsync(TestContext.Current.CancellationToken)).Registry.Models)
        {
            var report = await studio.EstimateExampleAsync(model.Id, TestContext.Current.CancellationToken);

            report.Validation.Errors.ShouldBeEmpty(model.Id);
            report.Estimate.ShouldNotBeNull(model.Id);
            report.Estimate.Missing.ShouldBeEmpty(model.Id);
        }

        dialer.Calls.ShouldBeEmpty();
    }
}
