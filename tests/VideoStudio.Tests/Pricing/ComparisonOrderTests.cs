using VideoStudio.Contracts;
using VideoStudio.Engine.Pricing;

namespace VideoStudio.Tests.Pricing;

/// <summary>A comparison read by a person lists the cheapest first: free work before paid, unknown after known.</summary>
public sealed class ComparisonOrderTests
{
    [Fact]
    public void CheapestFirst_FreePaidUnknownWithoutFieldsRefused_RankedThatWayTiesKeepTheOrderAsked()
    {
        var report = new ComparisonReport([
            Entry("refused", accepted: false, total: null),
            Entry("unknown", accepted: true, total: null),
            Entry("paid-0.40", accepted: true, total: 0.40m),
            Entry("without-fields", accepted: false, total: null, withoutFields: 0.10m),
            Entry("free", accepted: true, total: 0m),
            Entry("paid-0.10", accepted: true, total: 0.10m),
            Entry("paid-0.10-second", accepted: true, total: 0.10m),
        ]);

        report.CheapestFirst().Select(e => e.ModelId).ShouldBe(
            ["free", "paid-0.10", "paid-0.10-second", "paid-0.40", "unknown", "without-fields", "refused"]);
    }

    [Fact]
    public void CheapestFirst_Sorted_EntriesKeepTheOrderAsked()
    {
        var report = new ComparisonReport([Entry("b", accepted: true, total: 0.40m), Entry("a", accepted: true, total: 0m)]);

        report.CheapestFirst();

        report.Entries.Select(e => e.ModelId).ShouldBe(["b", "a"]);
    }

    private static ComparisonEntry Entry(string id, bool accepted, decimal? total, decimal? withoutFields = null) => new(
        id, id, TaskKind.TextToVideo, accepted, [], [], accepted ? Estimate(id, total) : null,
        withoutFields is null ? [] : ["enable_prompt_expansion"], withoutFields is null ? null : Estimate(id, withoutFields));

    private static PriceEstimate Estimate(string id, decimal? total) =>
        new(id, "USD", total, total, null, [], new PriceProvenance(Confidence.ThirdParty, "test", [], "1"), [], total is null ? "not priced" : null);
}
