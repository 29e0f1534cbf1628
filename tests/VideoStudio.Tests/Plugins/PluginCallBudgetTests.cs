using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>
/// Plugin code on a time budget: a rule, normaliser or mapper that blocks is abandoned at the budget, the request
/// fails closed naming the plugin, and the plugin shows as degraded; one that throws fails closed as before.
/// </summary>
public sealed class PluginCallBudgetTests : IDisposable
{
    private const string ModelId = "lightricks/ltx-2-fast/text-to-video";
    private readonly ManualResetEventSlim release = new();
    private readonly ServiceProvider services = EngineFactory.Create(limits: l => l.CallTimeout = TimeSpan.FromMilliseconds(300));

    public void Dispose()
    {
        release.Set();
        services.Dispose();
        release.Dispose();
    }

    private sealed class BlockingRule(ManualResetEventSlim release) : IInputRule
    {
        public bool AppliesTo(ModelDescriptor model) => true;

        public IEnumerable<ValidationIssue> Check(ModelInputContext context)
        {
            release.Wait(TimeSpan.FromSeconds(60));
            return [];
        }
    }

    private sealed class ThrowingRule : IInputRule
    {
        public bool AppliesTo(ModelDescriptor model) => true;

        public IEnumerable<ValidationIssue> Check(ModelInputContext context) => throw new InvalidOperationException("boom");
    }

    private sealed class BlockingNormalizer(ManualResetEventSlim release) : IInputNormalizer
    {
        public bool AppliesTo(ModelDescriptor model) => true;

        public void Normalize(ModelInputContext context)
        {
            context.Input["prompt"] = "changed";
            release.Wait(TimeSpan.FromSeconds(60));
        }
    }

    private sealed class BlockingMapper(ManualResetEventSlim release) : IOutputMapper
    {
        public bool AppliesTo(ModelDescriptor model) => true;

        public IReadOnlyList<OutputItem> Map(ModelDescriptor model, IReadOnlyList<string> providerOutputs)
        {
            release.Wait(TimeSpan.FromSeconds(60));
            return [];
        }
    }

    private async Task<(PluginCatalog Catalog, ModelDefinition Model)> CatalogWithAsync(PluginCode code)
    {
        PluginCatalog real = await SharedCatalog.GetAsync();
        ModelDefinition model = real.Registry.Find(ModelId);
        PluginInfo info = real.PluginOf(model);
        var catalog = new PluginCatalog([info], new ModelRegistry([model]), new Dictionary<string, PluginCode> { [info.Id] = code }, services.GetRequiredService<PluginCallBudget>());
        return (catalog, model);
    }

    private static JsonObject Input() => new() { ["prompt"] = "a boat", ["duration"] = 6 };

    [Fact]
    public async Task Validate_RuleBlocks_AbandonedAtBudgetFailsClosedAndPluginDegraded()
    {
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(new PluginCode([new BlockingRule(release)], [], []));
        var clock = Stopwatch.StartNew();

        ValidationReport report = await services.GetRequiredService<InputPipeline>().ValidateAsync(catalog, model, Input(), TestContext.Current.CancellationToken);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        report.Valid.ShouldBeFalse();
        report.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("The rule BlockingRule of plugin 'videostudio.ltx2' did not finish within 0.3 s");
        PluginInfo plugin = catalog.Plugins.ShouldHaveSingleItem();
        plugin.Status.ShouldBe(PluginStatus.Degraded);
        plugin.Reason!.ShouldContain("BlockingRule");
        catalog.PluginOf(model).Status.ShouldBe(PluginStatus.Active); // jobs still run; each call stays budgeted
    }

    [Fact]
    public async Task Validate_RuleThrows_FailsClosedAndPluginStaysActive()
    {
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(new PluginCode([new ThrowingRule()], [], []));

        ValidationReport report = await services.GetRequiredService<InputPipeline>().ValidateAsync(catalog, model, Input(), TestContext.Current.CancellationToken);

        report.Valid.ShouldBeFalse();
        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("rule ThrowingRule of plugin 'videostudio.ltx2' failed (InvalidOperationException)");
        catalog.Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task Validate_NormalizerBlocks_FailsClosedAndItsChangeIsNotUsed()
    {
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(new PluginCode([], [new BlockingNormalizer(release)], []));

        ValidationReport report = await services.GetRequiredService<InputPipeline>().ValidateAsync(catalog, model, Input(), TestContext.Current.CancellationToken);

        report.Valid.ShouldBeFalse();
        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("normaliser BlockingNormalizer of plugin 'videostudio.ltx2' did not finish");
        report.NormalizedInput["prompt"]!.GetValue<string>().ShouldBe("a boat");
        catalog.Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Degraded);
    }

    [Fact]
    public async Task Map_MapperBlocks_ThrowsTimeoutNamingPluginAndPluginDegraded()
    {
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(new PluginCode([], [], [new BlockingMapper(release)]));

        PluginCallTimeoutException timeout = await Should.ThrowAsync<PluginCallTimeoutException>(() => catalog.MapOutputsAsync(model, ["http://127.0.0.1:9/out.mp4"], TestContext.Current.CancellationToken));

        timeout.PluginId.ShouldBe("videostudio.ltx2");
        catalog.Plugins.ShouldHaveSingleItem().Status.ShouldBe(PluginStatus.Degraded);
    }
}
