namespace VideoStudio.Tests.Architecture;

/// <summary>
/// The engine's folders form layers: no two depend on each other, and the jobs reach the provider only through the
/// vendor-neutral seam (docs/architecture.md).
/// </summary>
public sealed class EngineLayerTests
{
    // The folders as layers, the job core as one of them; its subfolders are checked as nodes of their own below.
    private static readonly EngineDependencyGraph Graph = EngineDependencyGraph.Engine.Folded("Jobs");

    // The job core's nodes (docs/architecture.md, "The job core"): the root is the shared model (the job record, the
    // store contract, options, events) over the lease and polling values; the facade behind IVideoJobs sits on top.
    private static readonly EngineDependencyGraph Jobs = EngineDependencyGraph.Engine.Within(f => f == "Jobs" || f.StartsWith("Jobs.", StringComparison.Ordinal));

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
    public void JobsSubfolders_EachANode_NoneUsesAnotherBothWays()
    {
        Jobs.Folders.ShouldBe(["Jobs", "Jobs.Chaining", "Jobs.Charges", "Jobs.Execution", "Jobs.Facade", "Jobs.Leases", "Jobs.Polling", "Jobs.Steps", "Jobs.Store", "Jobs.Webhooks"], ignoreOrder: true);
        Jobs.TwoWayPairs().ShouldBeEmpty();
    }

    [Fact]
    public void JobsSubfolders_AllDependencies_FormLayers()
    {
        IReadOnlyList<string> cycle = Jobs.FindCycle();

        cycle.ShouldBeEmpty(cycle.Count == 0 ? string.Empty : string.Join(" | ", cycle.Zip(cycle.Skip(1), Jobs.Why)));
        Jobs.Layers().Count.ShouldBe(Jobs.Folders.Count, "every node has a place bottom to top: " + string.Join(" < ", Jobs.Layers()));
    }

    [Fact]
    public void JobsRoot_SharedModel_UsesOnlyTheLeaseAndPollingValues()
    {
        string[] used = [.. Jobs.Edges.Keys.Where(e => e.From == "Jobs").Select(e => e.To).Order(StringComparer.Ordinal)];

        used.ShouldBe(["Jobs.Leases", "Jobs.Polling"], string.Join("; ", used.Select(to => Jobs.Why("Jobs", to))));
    }

    [Fact]
    public void JobsFacade_OnTop_NoOtherNodeUsesIt()
    {
        string[] users = [.. Jobs.Edges.Keys.Where(e => e.To == "Jobs.Facade").Select(e => Jobs.Why(e.From, e.To)).Order(StringComparer.Ordinal)];

        users.ShouldBeEmpty();
    }

    [Fact]
    public void TwoWayPairs_PairAdded_IsFound()
    {
        // The check itself: a graph where the root uses the executor again (as VideoJobs in the root once did) fails.
        EngineDependencyGraph withPair = Jobs.With("Jobs", "Jobs.Execution", "VideoJobs.cs:JobExecutor");

        withPair.TwoWayPairs().ShouldHaveSingleItem().ShouldStartWith("Jobs <-> Jobs.Execution: ");
        withPair.FindCycle().ShouldNotBeEmpty();
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
