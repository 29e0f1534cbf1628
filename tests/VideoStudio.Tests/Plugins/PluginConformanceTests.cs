using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins;

/// <summary>
/// The conformance suite every plugin found in the plugins folder runs: a new plugin gets these tests with no
/// test code of its own.
/// </summary>
public sealed class PluginConformanceTests
{
    public static IEnumerable<TheoryDataRow<string, string>> Models() => SharedCatalog.ManifestModels();

    public static IEnumerable<TheoryDataRow<string>> Folders() =>
        SharedCatalog.ManifestModels().Select(r => r.Data.Item1).Distinct().Select(f => new TheoryDataRow<string>(f));

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Plugin_FilesMatchMetaSchemasAndCodeLoads_IsActive(string folder)
    {
        PluginCatalog catalog = await SharedCatalog.GetAsync();

        PluginInfo plugin = catalog.Plugins.Single(p => Path.GetFileName(p.Directory) == folder);
        plugin.Reason.ShouldBeNull();
        plugin.Status.ShouldBe(PluginStatus.Active);
        File.Exists(Path.Combine(plugin.Directory, PluginCodeActivator.ContractsFileName)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task EducationExample_AnyModel_ValidatesWithKnownOrExplainedPrice(string folder, string modelId)
    {
        _ = folder;
        ModelDefinition model = (await SharedCatalog.GetAsync()).Registry.Find(modelId);

        EstimateReport report = await SharedCatalog.Studio.EstimateExampleAsync(modelId, TestContext.Current.CancellationToken);

        report.Validation.Errors.ShouldBeEmpty();
        PriceEstimate estimate = report.Estimate.ShouldNotBeNull();
        if (model.Pricing.Free is not null)
        {
            // Free only when the rule says so and why: a known $0, held as $0, labelled with the reason.
            estimate.TotalUsd.ShouldBe(0m);
            estimate.HoldUsd.ShouldBe(0m);
            estimate.LineItems.ShouldHaveSingleItem().Label.ShouldBe($"free ({model.Pricing.Free})");
        }
        else if (estimate.IsKnown)
        {
            estimate.TotalUsd!.Value.ShouldBeGreaterThan(0m);
            estimate.HoldUsd!.Value.ShouldBeGreaterThanOrEqualTo(estimate.TotalUsd.Value);
        }
        else
        {
            // Unknown is allowed only where the rule itself says the price is unconfirmed — never for lack of an input.
            estimate.Missing.ShouldBeEmpty();
            estimate.Provenance.Confidence.ShouldBe(Confidence.Unconfirmed);
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Card_AnyModel_IsCompleteForAPersonChoosing(string folder, string modelId)
    {
        _ = folder;
        ModelDefinition model = (await SharedCatalog.GetAsync()).Registry.Find(modelId);

        model.Card.Tagline.ShouldNotBeNullOrWhiteSpace();
        model.Card.BestFor.ShouldNotBeNullOrWhiteSpace();
        model.Card.Strengths.ShouldNotBeEmpty();
        model.Card.Limitations.ShouldNotBeEmpty();
        model.Card.Tips.ShouldNotBeEmpty();
        model.Processing.ExpectedSeconds.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Schema_AnyModel_FieldsHaveFormHintsAndValidDefaults(string folder, string modelId)
    {
        _ = folder;
        ModelDefinition model = (await SharedCatalog.GetAsync()).Registry.Find(modelId);
        var required = model.Schema.Fields.Where(f => f.Required).ToDictionary(f => f.Name, f => model.Card.ExampleInput[f.Name]!.DeepClone());

        (IReadOnlyList<ValidationIssue> issues, _) = SchemaValidator.Validate(model.Schema, new System.Text.Json.Nodes.JsonObject(required!));

        issues.ShouldBeEmpty("the defaults plus the example's required fields must validate");
        foreach (InputField field in model.Schema.Fields)
        {
            field.Title.ShouldNotBe(field.Name, $"{field.Name} needs a human title");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Pricing_MediaDrivenDuration_ExampleSuppliesIt(string folder, string modelId)
    {
        _ = folder;
        ModelDefinition model = (await SharedCatalog.GetAsync()).Registry.Find(modelId);

        if (model.Pricing.Billing.Duration is { FromMedia: true } source)
        {
            model.Schema.Fields.Single(f => f.Name == source.Field).Media.ShouldNotBeNull();
            (model.Card.ExampleMediaSeconds ?? new Dictionary<string, double>()).ShouldContainKey(source.Field);
        }
    }
}
