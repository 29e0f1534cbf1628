using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.IntegrationTests.Providers;

/// <summary>
/// A third adapter is one <c>AddProviderRoute</c> call and a <c>provider</c> name in a plugin's manifest: a job of
/// its model runs end to end through the ordinary jobs (store, steps, download) and records the adapter that ran it,
/// with nothing in <c>Jobs/</c> knowing it. A plugin naming a provider the host has no adapter for shows why it
/// cannot run, and its jobs never reach the primary adapter.
/// </summary>
public sealed class ThirdProviderTests : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("third-provider-").FullName;
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(90));

    private CancellationToken Token => deadline.Token;

    [Fact]
    public async Task Submit_ModelOfAThirdAdapter_RunsThroughItAndTheJobRecordsIt()
    {
        var acme = new AcmeProvider(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clip-7.2s.mp4"));
        await using ServiceProvider engine = Build(services => services.AddProviderRoute("acme", _ => acme, "acme"));
        IVideoJobs jobs = engine.GetRequiredService<IVideoJobs>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        Task worker = jobs.RunAsync(cancellationToken: stop.Token);

        JobView submitted = await jobs.SubmitAsync(new VideoRequest("acme/clip", new JsonObject { ["prompt"] = "a paper boat" }) { Owner = "tester" }, cancellationToken: Token);
        JobView job = await jobs.WaitAsync(submitted.Id, "tester", Token);
        await stop.CancelAsync();
        await worker;

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        job.RunBy.ShouldBe("acme");
        acme.Submitted.ShouldBe(["acme/clip"]);
        JobOutput output = job.Outputs.ShouldHaveSingleItem();
        output.RemoteUrl.ShouldStartWith("acme://");
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output.LocalPath!, Token))).ShouldBe(output.Sha256);
        (await engine.GetRequiredService<IVideoStudio>().GetCatalogAsync(Token)).Plugins.Single(p => p.Id == "test.acme").Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task GetCatalogAsync_PluginNamesAProviderWithNoAdapter_DegradedWithTheReason()
    {
        await using ServiceProvider engine = Build(_ => { });

        CatalogView catalog = await engine.GetRequiredService<IVideoStudio>().GetCatalogAsync(Token);

        PluginInfo plugin = catalog.Plugins.Single(p => p.Id == "test.acme");
        plugin.Status.ShouldBe(PluginStatus.Degraded);
        plugin.Reason.ShouldNotBeNull().ShouldContain("no adapter for the provider 'acme'");
    }

    public async ValueTask DisposeAsync()
    {
        await deadline.CancelAsync();
        deadline.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private ServiceProvider Build(Action<IServiceCollection> addRoutes)
    {
        string plugins = Path.Combine(directory, "plugins");
        WriteAcmePlugin(Path.Combine(plugins, "Acme"));
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddVideoStudio(configure: o =>
        {
            o.PluginsDirectory = plugins;
            o.CatalogCacheDirectory = Path.Combine(directory, "cache");
        });
        services.Configure<JobOptions>(o => o.DataDirectory = Path.Combine(directory, "data"));
        // A primary nobody answers at: the third adapter's job must never need it.
        services.Configure<WaveSpeedOptions>(o =>
        {
            o.ApiKey = "wsk-unused";
            o.BaseUrl = new Uri("http://127.0.0.1:9/");
        });
        addRoutes(services);
        return services.BuildServiceProvider();
    }

    private static void WriteAcmePlugin(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        File.WriteAllText(Path.Combine(folder, "plugin.json"), """
            {
              "manifestVersion": 1,
              "id": "test.acme",
              "name": "Acme",
              "version": "1.0.0",
              "contracts": "[1.0, 2.0)",
              "family": "Acme",
              "provider": "acme",
              "models": [
                {
                  "id": "acme/clip",
                  "task": "text-to-video",
                  "displayName": "Acme clip",
                  "schema": "models/clip.schema.json",
                  "pricing": "models/clip.pricing.json",
                  "processing": { "expectedSeconds": 1, "confidence": "unconfirmed", "note": "A test adapter." },
                  "card": {
                    "tagline": "A third provider's model.",
                    "bestFor": "Proving routing.",
                    "strengths": ["Routed by its manifest"],
                    "limitations": ["A test double"],
                    "tips": ["None"],
                    "exampleInput": { "prompt": "a paper boat" }
                  }
                }
              ]
            }
            """);
        File.WriteAllText(Path.Combine(folder, "models", "clip.schema.json"), """
            {
              "$schema": "http://json-schema.org/draft-04/schema#",
              "title": "Acme clip",
              "type": "object",
              "additionalProperties": false,
              "required": ["prompt"],
              "x-order-properties": ["prompt"],
              "x-output": { "seconds": [{ "value": 7.2 }], "audio": [{ "value": false }], "provenance": "The test adapter's fixture clip." },
              "properties": { "prompt": { "type": "string", "title": "Prompt", "minLength": 1, "maxLength": 200 } }
            }
            """);
        File.WriteAllText(Path.Combine(folder, "models", "clip.pricing.json"), """
            { "version": "2026-12-08", "currency": "USD", "source": "A test adapter: nothing billed.", "confidence": "documented", "free": "test adapter" }
            """);
    }

    /// <summary>A third adapter: finishes each task at once with a fixture clip under its own <c>acme:</c> URLs.</summary>
    private sealed class AcmeProvider(string clip) : IVideoProvider
    {
        private readonly Dictionary<string, ProviderTask> tasks = [];

        public List<string> Submitted { get; } = [];

        public VideoProviderMetadata Metadata { get; } = new("acme", "acme-test");

        public Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
        {
            lock (tasks)
            {
                Submitted.Add(modelId);
                string id = "a" + tasks.Count;
                var task = new ProviderTask(id, modelId, ProviderTaskStatus.Completed, "completed", ["acme://out/" + id + ".mp4"], null, null, null, (JsonObject)input.DeepClone());
                tasks[id] = task;
                return Task.FromResult(task);
            }
        }

        public Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
        {
            lock (tasks)
            {
                return tasks.TryGetValue(taskId, out ProviderTask? task)
                    ? Task.FromResult(task)
                    : throw new ProviderException(ProviderErrorKind.NotFound, $"no task {taskId}");
            }
        }

        public Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
        {
            lock (tasks)
            {
                return Task.FromResult<IReadOnlyList<ProviderTask>>([.. tasks.Values]);
            }
        }

        public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
            throw new ProviderException(ProviderErrorKind.InvalidRequest, "acme takes no uploads", nothingCreated: true);

        public async Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
        {
            byte[] bytes = await File.ReadAllBytesAsync(clip, cancellationToken);
            await File.WriteAllBytesAsync(destinationPath, bytes, cancellationToken);
            return new DownloadedFile(bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
