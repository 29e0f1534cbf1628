using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Planning;

/// <summary>
/// A rule's <c>AppliesTo</c> answer is remembered per rule instance and model, so a rule that does not apply costs
/// no budgeted call on later requests; code that failed to answer is asked again.
/// </summary>
public sealed class PluginApplicabilityTests : IDisposable
{
    private const string ModelId = "lightricks/ltx-2-fast/text-to-video";
    private readonly ServiceProvider services = EngineFactory.Create();

    public void Dispose() => services.Dispose();

    private sealed class CountingRule(bool applies) : IInputRule
    {
        public int AppliesToCalls;
        public int CheckCalls;

        public bool AppliesTo(ModelDescriptor model)
        {
            Interlocked.Increment(ref AppliesToCalls);
            return applies;
        }

        public IEnumerable<ValidationIssue> Check(ModelInputContext context)
        {
            Interlocked.Increment(ref CheckCalls);
            return [new ValidationIssue("/prompt", "counted", "seen", IssueSeverity.Warning)];
        }
    }

    private sealed class AppliesToThrows : IInputRule
    {
        public int AppliesToCalls;

        public bool AppliesTo(ModelDescriptor model)
        {
            Interlocked.Increment(ref AppliesToCalls);
            throw new InvalidOperationException("boom");
        }

        public IEnumerable<ValidationIssue> Check(ModelInputContext context) => [];
    }

    private async Task<(PluginCatalog Catalog, ModelDefinition Model)> CatalogWithAsync(params IInputRule[] rules)
    {
        PluginCatalog real = await SharedCatalog.GetAsync();
        ModelDefinition model = real.Registry.Find(ModelId);
        PluginInfo info = real.PluginOf(model);
        return (new PluginCatalog([info], new ModelRegistry([model]), new Dictionary<string, PluginCode> { [info.Id] = new PluginCode(rules, [], []) }, services.GetRequiredService<PluginCallBudget>()), model);
    }

    private Task<ValidationReport> ValidateAsync(PluginCatalog catalog, ModelDefinition model) =>
        services.GetRequiredService<InputPipeline>().ValidateAsync(catalog, model, new JsonObject { ["prompt"] = "a boat", ["duration"] = 6 }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Validate_RuleThatDoesNotApply_AskedOnceAcrossRequests()
    {
        var rule = new CountingRule(applies: false);
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(rule);

        for (int i = 0; i < 3; i++)
        {
            (await ValidateAsync(catalog, model)).Warnings.ShouldBeEmpty();
        }

        rule.AppliesToCalls.ShouldBe(1);
        rule.CheckCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Validate_RuleThatApplies_CheckedOnEveryRequest()
    {
        var rule = new CountingRule(applies: true);
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(rule);

        for (int i = 0; i < 3; i++)
        {
            (await ValidateAsync(catalog, model)).Warnings.ShouldHaveSingleItem().Code.ShouldBe("counted");
        }

        rule.CheckCalls.ShouldBe(3);
    }

    [Fact]
    public async Task Validate_AppliesToThrows_AskedAgainAndFailsClosedEachTime()
    {
        var rule = new AppliesToThrows();
        (PluginCatalog catalog, ModelDefinition model) = await CatalogWithAsync(rule);

        for (int i = 0; i < 2; i++)
        {
            (await ValidateAsync(catalog, model)).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.RuleViolation);
        }

        rule.AppliesToCalls.ShouldBe(2);
    }
}
