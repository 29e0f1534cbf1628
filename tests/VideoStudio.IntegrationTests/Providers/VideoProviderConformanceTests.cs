using System.Security.Cryptography;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.IntegrationTests.Providers;

/// <summary>
/// What every <see cref="IVideoProvider"/> adapter must do, whoever runs the models: the contract the jobs rely on
/// (a task submitted once and found again in the history with the input as sent, neutral error kinds, files in and
/// out with their hashes, charges never negative, webhooks that verify or are refused). An adapter's tests derive
/// from this class and supply a provider against a test double of its service (the WaveSpeed adapter: the
/// simulator on loopback), as Microsoft.Extensions.AI's <c>ChatClientIntegrationTests</c> do for chat clients.
/// </summary>
public abstract class VideoProviderConformanceTests : IAsyncLifetime
{
    private readonly CancellationTokenSource deadline = new(TimeSpan.FromSeconds(60));

    /// <summary>The provider under test, with what the tests need to drive it.</summary>
    protected ProviderUnderTest Subject { get; private set; } = null!;

    /// <summary>Every call in a test honours this deadline.</summary>
    protected CancellationToken Token => deadline.Token;

    /// <summary>Starts the service double and creates the adapter; <paramref name="validKey"/> false gives one whose credentials are refused.</summary>
    protected abstract Task<ProviderUnderTest> CreateAsync(bool validKey, CancellationToken cancellationToken);

    public async ValueTask InitializeAsync() => Subject = await CreateAsync(validKey: true, Token);

    public virtual async ValueTask DisposeAsync()
    {
        await Subject.DisposeAsync();
        deadline.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Metadata_Always_NamesProviderAndAccountWithoutSecrets()
    {
        Subject.Provider.Metadata.Name.ShouldNotBeNullOrWhiteSpace();
        Subject.Provider.Metadata.Account.ShouldNotBeNullOrWhiteSpace();
        Subject.Provider.Metadata.Account.ShouldNotContain(Subject.Secret);
    }

    [Fact]
    public async Task SubmitAsync_ValidInput_TaskCompletesWithOutputs()
    {
        ProviderTask submitted = await Subject.Provider.SubmitAsync(Subject.Model, Subject.ValidInput(), null, Token);

        submitted.Id.ShouldNotBeNullOrWhiteSpace();
        ProviderTask done = await UntilTerminalAsync(submitted.Id);
        done.Status.ShouldBe(ProviderTaskStatus.Completed);
        done.Outputs.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task ListTasksAsync_AfterSubmit_FindsTheTaskWithTheInputAsSent()
    {
        JsonObject input = Subject.ValidInput();
        ProviderTask submitted = await Subject.Provider.SubmitAsync(Subject.Model, input, null, Token);

        IReadOnlyList<ProviderTask> history = await Subject.Provider.ListTasksAsync(new ProviderTaskQuery(Subject.Model, null, null), Token);

        ProviderTask found = history.Single(t => t.Id == submitted.Id);
        found.Model.ShouldBe(Subject.Model);
        // The reconciler recognises a lost submission by this echo: it must be the model input, no transport flags.
        found.Input.ShouldNotBeNull().Select(kv => kv.Key).Order(StringComparer.Ordinal).ShouldBe(input.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        JsonNode.DeepEquals(found.Input, input).ShouldBeTrue(found.Input.ToJsonString());
    }

    [Fact]
    public async Task SubmitAsync_InvalidInput_ThrowsInvalidRequest()
    {
        var error = await Should.ThrowAsync<ProviderException>(() => Subject.Provider.SubmitAsync(Subject.Model, Subject.InvalidInput(), null, Token));

        error.Kind.ShouldBe(ProviderErrorKind.InvalidRequest);
        error.Message.ShouldNotContain(Subject.Secret);
    }

    [Fact]
    public async Task SubmitAsync_RefusedCredentials_ThrowsAuthenticationWithNothingCreated()
    {
        Assert.SkipWhen(!Subject.HasCredentials, $"{Subject.Provider.Metadata.Name} takes no credentials.");
        await using ProviderUnderTest refused = await CreateAsync(validKey: false, Token);

        var error = await Should.ThrowAsync<ProviderException>(() => refused.Provider.SubmitAsync(refused.Model, refused.ValidInput(), null, Token));

        error.Kind.ShouldBe(ProviderErrorKind.Authentication);
        error.NothingCreated.ShouldBeTrue("a refused key proves nothing was created, so the jobs may submit again");
        error.Message.ShouldNotContain(refused.Secret);
    }

    [Fact]
    public async Task GetResultAsync_UnknownTask_ThrowsNotFound()
    {
        var error = await Should.ThrowAsync<ProviderException>(() => Subject.Provider.GetResultAsync("no-such-task-" + Guid.NewGuid().ToString("N"), Token));

        error.Kind.ShouldBe(ProviderErrorKind.NotFound);
    }

    [Fact]
    public async Task UploadThenDownload_LocalFile_SameBytesAndHash()
    {
        string dir = Directory.CreateTempSubdirectory("provider-conformance-").FullName;
        try
        {
            string local = Path.Combine(dir, "clip.mp4");
            await File.WriteAllBytesAsync(local, await File.ReadAllBytesAsync(Subject.SampleMediaPath, Token), Token);
            long reported = 0;

            Uri url = await Subject.Provider.UploadAsync(local, new Progress<long>(b => reported = b), Token);
            DownloadedFile file = await Subject.Provider.DownloadAsync(url, Path.Combine(dir, "back.mp4"), null, Token);

            byte[] bytes = await File.ReadAllBytesAsync(local, Token);
            file.SizeBytes.ShouldBe(bytes.LongLength);
            file.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            (await File.ReadAllBytesAsync(Path.Combine(dir, "back.mp4"), Token)).ShouldBe(bytes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task GetChargeAsync_CompletedTask_NeverNegative()
    {
        IProviderCharges charges = Capability<IProviderCharges>();
        ProviderTask submitted = await Subject.Provider.SubmitAsync(Subject.Model, Subject.ValidInput(), null, Token);
        await UntilTerminalAsync(submitted.Id);

        decimal? charge = null;
        for (int i = 0; i < 40 && charge is null; i++)
        {
            charge = await charges.GetChargeAsync(submitted.Id, Token);
            if (charge is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), Token);
            }
        }

        charge.ShouldNotBeNull("the double bills within the test's deadline");
        charge.Value.ShouldBeGreaterThanOrEqualTo(0m); // a free adapter's charge is a known $0
    }

    [Fact]
    public async Task QuoteAsync_ValidInput_NeverNegative()
    {
        decimal? quote = await Capability<IProviderQuotes>().QuoteAsync(Subject.Model, Subject.ValidInput(), Token);

        (quote ?? 0m).ShouldBeGreaterThanOrEqualTo(0m);
    }

    [Fact]
    public async Task GetModelsAsync_LiveCatalogue_ListsTheModelUnderTest()
    {
        IReadOnlyList<LiveModel> models = await Capability<IProviderCatalog>().GetModelsAsync(Token);

        models.ShouldContain(m => m.ModelId == Subject.Model);
        models.ShouldAllBe(m => m.BasePrice == null || m.BasePrice >= 0m);
    }

    [Fact]
    public void ReadWebhook_UnsignedDelivery_RejectedWithReasonAndNoSecret()
    {
        var headers = new Dictionary<string, string> { ["webhook-id"] = "msg_1", ["webhook-timestamp"] = "1", ["webhook-signature"] = "v1,AAAA" };

        ProviderWebhook delivery = Capability<IProviderWebhooks>().ReadWebhook(headers, """{"id":"t1","status":"completed"}""", Subject.Secret);

        delivery.IsValid.ShouldBeFalse();
        delivery.RejectedBecause.ShouldNotBeNullOrWhiteSpace();
        delivery.RejectedBecause.ShouldNotContain(Subject.Secret);
    }

    [Fact]
    public void GetService_ThroughADecorator_ReachesTheAdapter()
    {
        var decorated = new PassThrough(Subject.Provider);

        decorated.GetService(typeof(PassThrough)).ShouldBeSameAs(decorated);
        decorated.GetService(Subject.Provider.GetType()).ShouldBeSameAs(Subject.Provider);
        decorated.Metadata.ShouldBe(Subject.Provider.Metadata);
        decorated.GetService(typeof(string)).ShouldBeNull();
        foreach (Type capability in new[] { typeof(IProviderQuotes), typeof(IProviderCharges), typeof(IProviderCatalog), typeof(IProviderWebhooks) })
        {
            // A decorator neither hides a capability the adapter has nor invents one it lacks.
            (decorated.GetService(capability) is null).ShouldBe(Subject.Provider.GetService(capability) is null, capability.Name);
        }
    }

    /// <summary>The optional capability under test; the test is skipped for a provider that does not offer it.</summary>
    protected T Capability<T>()
        where T : class
    {
        T? capability = Subject.Provider.GetService<T>();
        Assert.SkipWhen(capability is null, $"{Subject.Provider.Metadata.Name} does not offer {typeof(T).Name}.");
        return capability!;
    }

    private async Task<ProviderTask> UntilTerminalAsync(string taskId)
    {
        for (int i = 0; i < 200; i++)
        {
            ProviderTask task = await Subject.Provider.GetResultAsync(taskId, Token);
            if (task.Status is not (ProviderTaskStatus.Created or ProviderTaskStatus.Processing or ProviderTaskStatus.Unknown))
            {
                return task;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Token);
        }

        throw new TimeoutException($"Task {taskId} did not finish within 200 reads.");
    }

    private sealed class PassThrough(IVideoProvider inner) : DelegatingVideoProvider(inner);
}

/// <summary>An adapter under test and what the conformance tests need to drive it.</summary>
/// <param name="Provider">The adapter (undecorated).</param>
/// <param name="Model">A model the double runs.</param>
/// <param name="ValidInput">Creates an input the model accepts.</param>
/// <param name="InvalidInput">Creates an input the model refuses.</param>
/// <param name="SampleMediaPath">A small media file to upload.</param>
/// <param name="Secret">The credential in use, which must never appear in messages.</param>
/// <param name="Stop">Stops the double and releases the adapter.</param>
public sealed record ProviderUnderTest(IVideoProvider Provider, string Model, Func<JsonObject> ValidInput, Func<JsonObject> InvalidInput, string SampleMediaPath, string Secret, Func<ValueTask> Stop)
    : IAsyncDisposable
{
    /// <summary>False for an adapter that takes no credentials (local work): the refused-key test is skipped.</summary>
    public bool HasCredentials { get; init; } = true;

    public ValueTask DisposeAsync() => Stop();
}
