using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Providers;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Hosting;

/// <summary>
/// <c>AddVideoStudioCatalog</c>: the read-only half the CLI's list, validate and price commands start with. It must
/// answer exactly as the full engine does, without registering (so without loading) the job store or a provider.
/// </summary>
public sealed class CatalogOnlyCompositionTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    private static ServiceProvider CatalogOnly()
    {
        var services = new ServiceCollection();
        services.AddVideoStudioCatalog(configure: o =>
        {
            o.PluginsDirectory = TestPaths.Plugins;
            o.ProbeRemoteMedia = false;
            o.PluginStateDirectory = EngineFactory.PluginStateDirectory;
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddVideoStudioCatalog_Registrations_NoJobStoreNoProviderNoHostedService()
    {
        var services = new ServiceCollection();
        services.AddVideoStudioCatalog();

        services.ShouldNotContain(d => d.ServiceType == typeof(IVideoJobs));
        services.ShouldNotContain(d => d.ServiceType == typeof(IJobStore));
        services.ShouldNotContain(d => d.ServiceType == typeof(IVideoProvider));
        services.ShouldNotContain(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
        services.ShouldContain(d => d.ServiceType == typeof(IVideoStudio));
    }

    [Fact]
    public async Task AddVideoStudioCatalog_CatalogAndEstimate_SameAsTheFullEngine()
    {
        var input = new JsonObject { ["prompt"] = "a paper boat", ["duration"] = 6 };
        await using ServiceProvider full = EngineFactory.Create();
        await using ServiceProvider readOnly = CatalogOnly();
        IVideoStudio fullStudio = full.GetRequiredService<IVideoStudio>();
        IVideoStudio readOnlyStudio = readOnly.GetRequiredService<IVideoStudio>();

        CatalogView expected = await fullStudio.GetCatalogAsync(TestContext.Current.CancellationToken);
        CatalogView actual = await readOnlyStudio.GetCatalogAsync(TestContext.Current.CancellationToken);
        EstimateReport fullEstimate = await fullStudio.EstimateAsync(Model, input, cancellationToken: TestContext.Current.CancellationToken);
        EstimateReport readOnlyEstimate = await readOnlyStudio.EstimateAsync(Model, input, cancellationToken: TestContext.Current.CancellationToken);

        actual.Registry.Models.Select(m => m.Id).ShouldBe(expected.Registry.Models.Select(m => m.Id));
        actual.Plugins.Select(p => (p.Id, p.Status, p.Reason)).ShouldBe(expected.Plugins.Select(p => (p.Id, p.Status, p.Reason)));
        readOnlyEstimate.Estimate.ShouldNotBeNull().TotalUsd.ShouldBe(fullEstimate.Estimate.ShouldNotBeNull().TotalUsd);
        readOnlyEstimate.Estimate.LineItems.Count.ShouldBe(fullEstimate.Estimate.LineItems.Count);
    }

    [Fact]
    public async Task AddVideoStudioCatalog_ProviderQuestions_NoneAndARefusalNamingTheFix()
    {
        await using ServiceProvider readOnly = CatalogOnly();
        IVideoStudio studio = readOnly.GetRequiredService<IVideoStudio>();

        VideoStudioProviderStatus status = studio.GetProviderStatus();
        var drift = await Should.ThrowAsync<InvalidOperationException>(() => studio.CheckDriftAsync(TestContext.Current.CancellationToken));

        status.Provider.ShouldBe("none");
        status.Ready.ShouldBeFalse();
        drift.Message.ShouldContain("AddVideoStudio");
    }
}
