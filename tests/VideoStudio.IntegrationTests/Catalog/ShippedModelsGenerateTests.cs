using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.IntegrationTests.Simulator;
using VideoStudio.Simulator.Media;
using VideoStudio.Simulator.Rendering;

namespace VideoStudio.IntegrationTests.Catalog;

/// <summary>
/// Every provider model that ships (the families of issue 24 among them) generates on the simulator from its card's
/// example, with its media inputs uploaded first: accepted, completed, and answered with an output (a file URL, or the
/// text itself for the prompt optimizer). The local FFmpeg operations (videostudio.edit) run on no provider and are not
/// sent.
/// </summary>
public sealed class ShippedModelsGenerateTests
{
    [Fact]
    public async Task EveryShippedProviderModel_CardExample_CompletesOnTheSimulatorWithAnOutput()
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        CatalogView catalog = await provider.GetRequiredService<IVideoStudio>().GetCatalogAsync(TestContext.Current.CancellationToken);
        ModelDefinition[] models = [.. catalog.Registry.Models.Where(m => m.Provider == ModelDefinition.DefaultProvider)];
        await using SimulatorHarness h = await SimulatorHarness.StartAsync(
            o => new() { ApiKey = o.ApiKey, FixedLatency = TimeSpan.FromMilliseconds(50), FfmpegPath = string.Empty, InitialBalanceUsd = 10_000 },
            TimeSpan.FromSeconds(240));
        var uploads = new Dictionary<MediaKind, string>
        {
            [MediaKind.Video] = await UploadAsync(h, SampleOutput.Mp4, "in.mp4", "video/mp4"),
            [MediaKind.Image] = await UploadAsync(h, GeneratedMedia.Png(1280, 720), "in.png", "image/png"),
            [MediaKind.Audio] = await UploadAsync(h, GeneratedMedia.Wav(5), "in.wav", "audio/wav"),
        };

        var submitted = new List<(string Model, string Id)>();
        foreach (ModelDefinition model in models)
        {
            var input = (JsonObject)model.Card.ExampleInput.DeepClone();
            foreach (var field in model.Schema.Fields.Where(f => f.Media is not null && input.ContainsKey(f.Name)))
            {
                input[field.Name] = uploads[field.Media!.Kind];
            }

            (HttpResponseMessage response, JsonObject body) = await h.PostJsonAsync($"api/v3/{model.Id}", input);
            response.IsSuccessStatusCode.ShouldBeTrue($"{model.Id}: {body.ToJsonString()}");
            submitted.Add((model.Id, body["data"]!["id"]!.GetValue<string>()));
        }

        foreach ((string model, string id) in submitted)
        {
            JsonObject done = await h.PollUntilTerminalAsync(id);
            done["status"]!.GetValue<string>().ShouldBe("completed", $"{model}: {done.ToJsonString()}");
            done["outputs"]![0]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(model);
        }

        models.Select(m => m.Id).ShouldContain("wavespeed-ai/video-face-swap");
        models.Length.ShouldBeGreaterThan(30);
    }

    private static async Task<string> UploadAsync(SimulatorHarness h, byte[] bytes, string name, string contentType)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var form = new MultipartFormDataContent { { content, "file", name } };
        using HttpResponseMessage response = await h.Api.PostAsync("api/v3/media/upload/binary", form, h.Token);
        response.IsSuccessStatusCode.ShouldBeTrue();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(h.Token))!["data"]!["download_url"]!.GetValue<string>();
    }
}
