using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Tests.Providers;

/// <summary>
/// The router the jobs hold when a second adapter is registered: each model goes to the adapter its plugin names,
/// each task call to the adapter that owns the task, and capabilities are offered exactly when an adapter has them.
/// </summary>
public sealed class RoutingVideoProviderTests
{
    private static readonly CancellationToken Token = CancellationToken.None;
    private readonly RecordingProvider primary = new("wavespeed");
    private readonly RecordingProvider local = new("local");

    [Fact]
    public async Task SubmitAsync_ModelOfRoutedProvider_GoesToThatAdapterWithQualifiedId()
    {
        RoutingVideoProvider router = Router();

        ProviderTask task = await router.SubmitAsync("videostudio/edit/trim", [], null, Token);

        task.Id.ShouldBe("local:t1");
        local.Submitted.ShouldBe(["videostudio/edit/trim"]);
        primary.Submitted.ShouldBeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_ModelOfDefaultOrUnroutedProvider_GoesToThePrimaryUnqualified()
    {
        RoutingVideoProvider router = Router();

        ProviderTask paid = await router.SubmitAsync("alibaba/wan-2.5/text-to-video", [], null, Token);
        ProviderTask unknown = await router.SubmitAsync("no/such/model", [], null, Token);

        paid.Id.ShouldBe("t1");
        unknown.Id.ShouldBe("t2");
        primary.Submitted.Count.ShouldBe(2);
        local.Submitted.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetResultAsync_QualifiedOrPlainId_ReachesTheOwnerWithItsOwnId()
    {
        RoutingVideoProvider router = Router();

        (await router.GetResultAsync("local:abc", Token)).Id.ShouldBe("local:abc");
        (await router.GetResultAsync("abc", Token)).Id.ShouldBe("abc");
        (await router.GetResultAsync("other:abc", Token)).Id.ShouldBe("other:abc"); // no such route: the primary's id as it is

        local.Read.ShouldBe(["abc"]);
        primary.Read.ShouldBe(["abc", "other:abc"]);
    }

    [Fact]
    public async Task ListTasksAsync_ByModel_AsksOnlyTheOwningAdapterAndQualifies()
    {
        RoutingVideoProvider router = Router();

        IReadOnlyList<ProviderTask> tasks = await router.ListTasksAsync(new ProviderTaskQuery("videostudio/edit/trim", null, null), Token);

        tasks.ShouldHaveSingleItem().Id.ShouldBe("local:h1");
        primary.Listed.ShouldBe(0);
    }

    [Fact]
    public async Task DownloadAsync_FileUrl_GoesToTheAdapterOwningTheScheme()
    {
        RoutingVideoProvider router = Router();

        await router.DownloadAsync(new Uri("file:///tmp/out.mp4"), "/tmp/x", null, Token);
        await router.DownloadAsync(new Uri("http://127.0.0.1:9/out.mp4"), "/tmp/y", null, Token);

        local.Downloaded.ShouldBe(["file:///tmp/out.mp4"]);
        primary.Downloaded.ShouldBe(["http://127.0.0.1:9/out.mp4"]);
    }

    [Fact]
    public async Task ForModelAsync_RoutedModel_UploadsToItsAdapter_OtherModelsToTheGivenProvider()
    {
        RoutingVideoProvider router = Router();

        (await router.ForModelAsync("videostudio/edit/trim", Token)).ShouldBeSameAs(local);
        (await router.ForModelAsync("alibaba/wan-2.5/text-to-video", Token)).ShouldBeSameAs(router);
        (await primary.ForModelAsync("videostudio/edit/trim", Token)).ShouldBeSameAs(primary);
    }

    [Fact]
    public void GetService_NoAdapterHasACapability_NoneIsInvented()
    {
        RoutingVideoProvider router = Router();

        router.GetService<IProviderQuotes>().ShouldBeNull();
        router.GetService<IProviderWebhooks>().ShouldBeNull();
        router.GetService<IProviderCatalog>().ShouldBeNull();
        router.GetService<IProviderCharges>().ShouldBeNull();
        router.Metadata.ShouldBe(primary.Metadata);
    }

    [Fact]
    public async Task GetService_OnlyTheRoutedAdapterCharges_ChargesRoutedByTaskAndNullForThePrimary()
    {
        var charging = new ChargingProvider("local");
        var router = new RoutingVideoProvider(primary, [new ProviderRoute("local", charging, ["file"])], new Map());

        IProviderCharges charges = router.GetService<IProviderCharges>().ShouldNotBeNull();

        (await charges.GetChargeAsync("local:t9", Token)).ShouldBe(0m);
        charging.Charged.ShouldBe(["t9"]);
        (await charges.GetChargeAsync("t9", Token)).ShouldBeNull("the primary has no billing records: unknown, never $0");
        router.GetService(typeof(ChargingProvider)).ShouldBeSameAs(charging);
    }

    [Fact]
    public async Task SubmitAsync_ModelOfAProviderWithNoAdapter_RefusedWithNothingSentToThePrimary()
    {
        RoutingVideoProvider router = Router();

        var error = await Should.ThrowAsync<ProviderException>(() => router.SubmitAsync("acme/clip", [], null, Token));

        error.NothingCreated.ShouldBeTrue();
        error.Message.ShouldContain("'acme'");
        primary.Submitted.ShouldBeEmpty("another provider's model is never run (and billed) by the primary");
        local.Submitted.ShouldBeEmpty();
        (await Should.ThrowAsync<ProviderException>(() => router.ForModelAsync("acme/clip", Token).AsTask())).NothingCreated.ShouldBeTrue("no upload goes to the wrong provider either");
    }

    [Fact]
    public async Task SubmitAsync_ThirdAdapter_EachModelReachesItsOwnAdapterAndItsTasksComeBack()
    {
        var acme = new RecordingProvider("acme");
        var router = new RoutingVideoProvider(primary, [new ProviderRoute("local", local, ["local"]), new ProviderRoute("acme", acme, ["acme"])], new Map());

        ProviderTask third = await router.SubmitAsync("acme/clip", [], null, Token);
        ProviderTask free = await router.SubmitAsync("videostudio/edit/trim", [], null, Token);
        ProviderTask paid = await router.SubmitAsync("alibaba/wan-2.5/text-to-video", [], null, Token);
        await router.GetResultAsync(third.Id, Token);
        await router.DownloadAsync(new Uri("acme://out/1.mp4"), "/tmp/z", null, Token);

        (third.Id, free.Id, paid.Id).ShouldBe(("acme:t1", "local:t1", "t1"));
        acme.Submitted.ShouldBe(["acme/clip"]);
        acme.Read.ShouldBe(["t1"]);
        acme.Downloaded.ShouldBe(["acme://out/1.mp4"]);
        local.Submitted.ShouldBe(["videostudio/edit/trim"]);
        primary.Submitted.ShouldBe(["alibaba/wan-2.5/text-to-video"]);
    }

    [Fact]
    public async Task QuoteAsync_ModelOfAProviderWithNoAdapter_UnknownNeverThePrimarysPrice()
    {
        var quoting = new QuotingProvider("wavespeed");
        var router = new RoutingVideoProvider(quoting, [new ProviderRoute("local", local, ["local"])], new Map());

        IProviderQuotes quotes = router.GetService<IProviderQuotes>().ShouldNotBeNull();

        (await quotes.QuoteAsync("acme/clip", [], Token)).ShouldBeNull();
        (await quotes.QuoteAsync("alibaba/wan-2.5/text-to-video", [], Token)).ShouldBe(1.5m);
    }

    [Fact]
    public async Task LoggingVideoProvider_RoutedModel_LineNamesTheAdapterThatServesIt()
    {
        var lines = new LineLogger();
        var logged = new LoggingVideoProvider(Router(), lines);

        await logged.SubmitAsync("videostudio/edit/trim", [], null, Token);
        await logged.SubmitAsync("alibaba/wan-2.5/text-to-video", [], null, Token);
        await Should.ThrowAsync<ProviderException>(() => logged.SubmitAsync("acme/clip", [], null, Token));

        lines.Lines.Count.ShouldBe(3);
        lines.Lines[0].ShouldStartWith("local accepted a videostudio/edit/trim task");
        lines.Lines[1].ShouldStartWith("wavespeed accepted a alibaba/wan-2.5/text-to-video task");
        lines.Lines[2].ShouldStartWith("wavespeed refused a acme/clip task"); // the router's own refusal: nothing was sent anywhere
    }

    [Fact]
    public void Constructor_RouteNamedAsThePrimarysProvider_Refused() =>
        Should.Throw<ArgumentException>(() => new RoutingVideoProvider(primary, [new ProviderRoute("wavespeed", local, [])], new Map()));

    [Fact]
    public void Constructor_TwoRoutesOneName_Refused() =>
        Should.Throw<ArgumentException>(() => new RoutingVideoProvider(primary, [new ProviderRoute("local", local, []), new ProviderRoute("local", local, [])], new Map()));

    private RoutingVideoProvider Router() => new(primary, [new ProviderRoute("local", local, ["file"])], new Map());

    private sealed class Map : IModelProviders
    {
        public ValueTask<string?> ProviderOfAsync(string modelId, CancellationToken cancellationToken) => ValueTask.FromResult(modelId switch
        {
            "videostudio/edit/trim" => "local",
            "alibaba/wan-2.5/text-to-video" => "wavespeed",
            "acme/clip" => "acme",
            _ => (string?)null,
        });
    }

    private class RecordingProvider(string name) : IVideoProvider
    {
        private int next;

        public List<string> Submitted { get; } = [];

        public List<string> Read { get; } = [];

        public List<string> Downloaded { get; } = [];

        public int Listed { get; private set; }

        public VideoProviderMetadata Metadata { get; } = new(name, name + "-account");

        public Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
        {
            Submitted.Add(modelId);
            return Task.FromResult(Made("t" + ++next, modelId));
        }

        public Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
        {
            Read.Add(taskId);
            return Task.FromResult(Made(taskId, "m"));
        }

        public Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
        {
            Listed++;
            return Task.FromResult<IReadOnlyList<ProviderTask>>([Made("h1", query.Model ?? "m")]);
        }

        public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) => Task.FromResult(new Uri("file://" + localPath));

        public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
        {
            Downloaded.Add(url.ToString());
            return Task.FromResult(new DownloadedFile(0, "00"));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

        private static ProviderTask Made(string id, string model) => new(id, model, ProviderTaskStatus.Processing, "processing", [], null, null, null, null);
    }

    private sealed class ChargingProvider(string name) : RecordingProvider(name), IProviderCharges
    {
        public List<string> Charged { get; } = [];

        public Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken)
        {
            Charged.Add(taskId);
            return Task.FromResult<decimal?>(0m);
        }
    }

    private sealed class QuotingProvider(string name) : RecordingProvider(name), IProviderQuotes
    {
        public Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken) => Task.FromResult<decimal?>(1.5m);
    }

    // A hand-written logger that keeps each formatted line.
    private sealed class LineLogger : Microsoft.Extensions.Logging.ILogger<LoggingVideoProvider>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
