using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Catalog;

public sealed class ModelRegistryTests
{
    private static async Task<ModelRegistry> LoadAsync()
    {
        await using ServiceProvider services = EngineFactory.Create();
        return (await services.GetRequiredService<IVideoStudio>().SnapshotAsync(TestContext.Current.CancellationToken)).Registry;
    }

    [Fact]
    public async Task Find_ExactIdOrAlias_ReturnsSameModel()
    {
        ModelRegistry registry = await LoadAsync();

        registry.Find("lightricks/ltx-2-pro/text-to-video").ShouldBeSameAs(registry.Find("ltx-2-pro-t2v"));
    }

    [Theory]
    [InlineData("ltx-2")]
    [InlineData("google")]
    [InlineData("LIGHTRICKS/LTX-2-PRO/TEXT-TO-VIDEO")]
    [InlineData("lightricks/ltx-2-pro")]
    public async Task Find_PartialOrFuzzyName_IsUnknownNeverRouted(string name)
    {
        ModelRegistry registry = await LoadAsync();

        registry.TryFind(name).ShouldBeNull();
        Should.Throw<UnknownModelException>(() => registry.Find(name));
    }

    [Fact]
    public async Task Find_Typo_SuggestsClosestIds()
    {
        ModelRegistry registry = await LoadAsync();

        var ex = Should.Throw<UnknownModelException>(() => registry.Find("lightricks/ltx-2-pro/text-to-vide"));

        ex.Suggestions[0].ShouldBe("lightricks/ltx-2-pro/text-to-video");
        ex.Message.ShouldContain("Did you mean");
    }
}
