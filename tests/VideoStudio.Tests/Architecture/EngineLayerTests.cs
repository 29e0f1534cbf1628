namespace VideoStudio.Tests.Architecture;

/// <summary>
/// The engine's folders form layers: no two depend on each other, and the jobs reach the provider only through the
/// vendor-neutral seam (docs/architecture.md).
/// </summary>
public sealed class EngineLayerTests
{
    private static readonly EngineDependencyGraph Graph = EngineDependencyGraph.Engine;

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
