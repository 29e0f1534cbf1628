using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Simulator;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>
/// One simulator on a free loopback port plus HTTP clients from an <see cref="IHttpClientFactory"/>, and a
/// deadline every call in the test honours. Dispose it at the end of each test.
/// </summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string ApiKey = "test-key-123";
    public const string Model = "lightricks/ltx-2-pro/text-to-video";
    public const string RetakeModel = "lightricks/ltx-2-retake";

    private readonly ServiceProvider services;
    private readonly CancellationTokenSource deadline;

    private SimulatorHarness(SimulatorServer server, ServiceProvider services, CancellationTokenSource deadline)
    {
        Server = server;
        this.services = services;
        this.deadline = deadline;
    }

    public SimulatorServer Server { get; }

    public CancellationToken Token => deadline.Token;

    /// <summary>Authenticated client with the simulator as base address.</summary>
    public HttpClient Api => Factory.CreateClient("api");

    /// <summary>Client without credentials (files, wrong keys).</summary>
    public HttpClient Anonymous => Factory.CreateClient("anonymous");

    public IHttpClientFactory Factory => services.GetRequiredService<IHttpClientFactory>();

    public static async Task<SimulatorHarness> StartAsync(Func<SimulatorOptions, SimulatorOptions>? configure = null, TimeSpan? timeout = null)
    {
        var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var options = new SimulatorOptions { ApiKey = ApiKey, FixedLatency = TimeSpan.FromMilliseconds(300) };
        SimulatorServer server = await SimulatorServer.StartAsync(configure?.Invoke(options) ?? options, deadline.Token);
        var collection = new ServiceCollection();
        collection.AddHttpClient("api", c =>
        {
            c.BaseAddress = new Uri(server.BaseUrl + "/");
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        });
        collection.AddHttpClient("anonymous", c => c.BaseAddress = new Uri(server.BaseUrl + "/"));
        return new SimulatorHarness(server, collection.BuildServiceProvider(), deadline);
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostJsonAsync(string path, JsonObject body, HttpClient? client = null)
    {
        HttpResponseMessage response = await (client ?? Api).PostAsJsonAsync(path, body, Token);
        return (response, await ReadAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> GetJsonAsync(string path, HttpClient? client = null)
    {
        HttpResponseMessage response = await (client ?? Api).GetAsync(path, Token);
        return (response, await ReadAsync(response));
    }

    /// <summary>Submits a valid input and returns the task id.</summary>
    public async Task<string> SubmitAsync(JsonObject? input = null, string model = Model, string query = "")
    {
        (HttpResponseMessage response, JsonObject body) = await PostJsonAsync($"api/v3/{model}{query}", input ?? ValidInput());
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToJsonString());
        return body["data"]!["id"]!.GetValue<string>();
    }

    /// <summary>Polls the result until a terminal status, on real time.</summary>
    public async Task<JsonObject> PollUntilTerminalAsync(string id)
    {
        while (true)
        {
            (_, JsonObject body) = await GetJsonAsync($"api/v3/predictions/{id}/result");
            string status = body["data"]!["status"]!.GetValue<string>();
            if (status is "completed" or "failed")
            {
                return body["data"]!.AsObject();
            }

            await Task.Delay(50, Token);
        }
    }

    public static JsonObject ValidInput() => new() { ["prompt"] = "a paper boat in the rain", ["duration"] = 6 };

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await services.DisposeAsync();
        deadline.Dispose();
    }

    private async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(Token);
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
