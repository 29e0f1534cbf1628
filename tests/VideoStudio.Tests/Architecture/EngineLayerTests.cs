namespace VideoStudio.Tests.Architecture;

/// <summary>
/// The engine's folders form layers: no two depend on each other, and the jobs reach the provider only through the
/// vendor-neutral seam (docs/architecture.md).
/// </summary>
public sealed class EngineLayerTests
{
    // The folders as layers, the job core as one of them; its subfolders are checked as nodes of their own below.
    private static readonly EngineDependencyGraph Graph = EngineDependencyGraph.Engine.Folded("Jobs");

    // Pairs of the job core's nodes that still use each other, each to be removed by giving a type its one home:
    // the Jobs root is both the shared model (records, IJobStore, options, the public result types) and the facade's
    // orchestration (JobIntake, VideoJobs, JobCancellation, JobWebhooks), which uses the subfolders that use the model.
    // The list may only shrink (issue 21.8: none both ways).
    private static readonly string[] JobsPairsStillTwoWay =
        ["Jobs <-> Jobs.Chaining", "Jobs <-> Jobs.Charges", "Jobs <-> Jobs.Execution", "Jobs <-> Jobs.Leases", "Jobs <-> Jobs.Webhooks"];

    [Fact]
    public void Folders_AnyPair_DependOneWayOnly()
    {
        Graph.TwoWayPairs().ShouldBeEmpty();
    }

    [Fact]
    public void Folders_AllDependencies_FormNoCycle()
    {
        IReadOnlyList<string> cycle = Graph.FindCycle();

        cycle.ShouldBeEmpty(cycle.Count == 0 ? string.Empty : string.Join(" | ", cycle.Zip(cycle.Skip(1), Graph.Why)));
    }

    [Fact]
    public void JobsSubfolders_EachANode_NoNewTwoWayPair()
    {
        EngineDependencyGraph jobs = EngineDependencyGraph.Engine;
        string[] nodes = [.. jobs.Folders.Where(f => f == "Jobs" || f.StartsWith("Jobs.", StringComparison.Ordinal))];

        nodes.ShouldBe(["Jobs", "Jobs.Chaining", "Jobs.Charges", "Jobs.Execution", "Jobs.Leases", "Jobs.Polling", "Jobs.Steps", "Jobs.Store", "Jobs.Webhooks"], ignoreOrder: true);
        jobs.TwoWayPairs().Where(p => p.StartsWith("Jobs", StringComparison.Ordinal) && !JobsPairsStillTwoWay.Any(known => p.StartsWith(known + ":", StringComparison.Ordinal))).ShouldBeEmpty();
    }

    [Fact]
    public void JobsStoreAndWebhooks_OutboxSql_LivesInTheStore()
    {
        EngineDependencyGraph jobs = EngineDependencyGraph.Engine;

        jobs.Uses("Jobs.Store", "Jobs.Webhooks").ShouldBeTrue("the store keeps the outbox rows");
        jobs.Uses("Jobs.Webhooks", "Jobs.Store").ShouldBeFalse(jobs.Edges.ContainsKey(("Jobs.Webhooks", "Jobs.Store")) ? jobs.Why("Jobs.Webhooks", "Jobs.Store") : string.Empty);
        jobs.Uses("Jobs", "Jobs.Store").ShouldBeFalse(jobs.Edges.ContainsKey(("Jobs", "Jobs.Store")) ? jobs.Why("Jobs", "Jobs.Store") : string.Empty);
    }

    [Fact]
    public void Jobs_ProviderCalls_GoThroughTheSeamNotWaveSpeed()
    {
        Graph.Uses("Jobs", "Providers").ShouldBeTrue("the jobs call the provider through IVideoProvider");
        Graph.Uses("Jobs", "Providers.WaveSpeed").ShouldBeFalse(Graph.Edges.ContainsKey(("Jobs", "Providers.WaveSpeed")) ? Graph.Why("Jobs", "Providers.WaveSpeed") : string.Empty);
    }

    [Fact]
    public void Seam_VendorNeutral_KnowsNoAdapter()
    {
        Graph.Uses("Providers", "Providers.WaveSpeed").ShouldBeFalse(Graph.Edges.ContainsKey(("Providers", "Providers.WaveSpeed")) ? Graph.Why("Providers", "Providers.WaveSpeed") : string.Empty);
    }

    [Theory]
    [InlineData("Jobs")]
    [InlineData("Catalog")]
    [InlineData("Media")]
    [InlineData("Plugins")]
    [InlineData("Validation")]
    public void Internals_TheFacade_NeverCalled(string folder)
    {
        Graph.Uses(folder, "Hosting").ShouldBeFalse(Graph.Edges.ContainsKey((folder, "Hosting")) ? Graph.Why(folder, "Hosting") : string.Empty);
    }
}
