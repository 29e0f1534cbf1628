using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Validation;
using VideoStudio.Simulator.Rendering;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// Every installed model states its output rules as data (schema <c>x-output</c>), naming only fields it has, and
/// its card's example resolves to a sensible shape — so the simulator never needs a per-model branch.
/// </summary>
public sealed class OutputHintDataTests
{
    [Fact]
    public async Task EveryModel_ExampleInput_ResolvesToAPositiveEvenShapeFromItsOwnFields()
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        CatalogView catalog = await provider.GetRequiredService<IVideoStudio>().GetCatalogAsync(TestContext.Current.CancellationToken);
        catalog.Registry.Models.Count.ShouldBeGreaterThan(20);

        foreach (ModelDefinition model in catalog.Registry.Models)
        {
            JsonNode.Parse(model.Schema.Text)!["x-output"].ShouldNotBeNull($"{model.Id} has no x-output");
            OutputHint hint = OutputHint.Read(model.Schema);
            hint.MediaFields().ShouldAllBe(f => model.Schema.Fields.Any(x => x.Name == f && x.Media != null), $"{model.Id} names a media input it does not have");
            (_, JsonObject input) = SchemaValidator.Validate(model.Schema, model.Card.ExampleInput);
            OutputShape shape = OutputShapeResolver.Resolve(model, hint, input, FakeMedia(model));

            shape.Width.ShouldBeGreaterThan(0, model.Id);
            (shape.Width % 2, shape.Height % 2).ShouldBe((0, 0), model.Id);
            shape.TotalSeconds.ShouldBeGreaterThan(0, model.Id);
            (model.Descriptor.Task == TaskKind.VideoExtend).ShouldBe(shape.Extend, model.Id);
        }
    }

    // Every media input as a file already probed: a 4 s 1280x720 video with sound, a 1024x768 image, 6 s of audio.
    private static Dictionary<string, MediaFacts> FakeMedia(ModelDefinition model) =>
        model.Schema.Fields.Where(f => f.Media is not null).ToDictionary(f => f.Name, f => f.Media!.Kind switch
        {
            MediaKind.Video => new MediaFacts("/v.mp4", 4, 1280, 720, 24, true, true),
            MediaKind.Image => new MediaFacts("/i.png", null, 1024, 768, null, true, false),
            _ => new MediaFacts("/a.wav", 6, null, null, null, false, true),
        });
}
