using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Tests.Providers.WaveSpeed;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Egress;

/// <summary>The handler over IP literals only: refusals are proven by a dialer that records (and opens nothing).</summary>
public sealed class EgressHttpHandlerTests
{
    private static (HttpClient Client, RecordingDialer Dialer) Create(EgressOptions? options = null, string providerBaseUrl = "https://api.wavespeed.ai", IEgressDialer? inner = null)
    {
        var dialer = new RecordingDialer(inner);
        var egress = new StaticMonitor<EgressOptions>(options ?? new EgressOptions());
        var policy = new EgressPolicy(egress, [new WaveSpeedEgressTrust(new StaticMonitor<WaveSpeedOptions>(new WaveSpeedOptions { BaseUrl = new Uri(providerBaseUrl) }))]);
        var services = new ServiceCollection();
        services.AddHttpClient("egress-test", c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new EgressHttpHandler(policy, dialer, egress).Create());
        return (services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("egress-test"), dialer);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/clip.mp4")]
    [InlineData("http://[::1]:9/clip.mp4")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("https://192.168.0.1/")]
    [InlineData("http://[::ffff:127.0.0.1]:9/")]
    [InlineData("http://0.0.0.0:9/")]
    public async Task GetAsync_NonPublicAddress_RefusedBeforeAnyConnection(string url)
    {
        (HttpClient client, RecordingDialer dialer) = Create();

        var error = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri(url), TestContext.Current.CancellationToken));

        EgressRefusedException.IsRefusal(error).ShouldBeTrue();
        dialer.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAsync_RefusedUrl_SaysNotAllowedNotWhatIsThere()
    {
        (HttpClient client, _) = Create();

        var error = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/"), TestContext.Current.CancellationToken));

        string text = error.Message + " " + error.InnerException?.Message;
        text.ShouldContain("not allowed");
        text.ShouldNotContain("connection", Case.Insensitive);
    }

    [Fact]
    public async Task GetAsync_PublicAddress_IsDialedAtThatAddressOnly()
    {
        (HttpClient client, RecordingDialer dialer) = Create();

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://8.8.8.8:9/clip.mp4"), TestContext.Current.CancellationToken));

        dialer.Calls.Count.ShouldBe(1);
        dialer.Calls[0].Addresses.Select(a => a.ToString()).ShouldBe(["8.8.8.8"]);
        dialer.Calls[0].Port.ShouldBe(9);
    }

    [Fact]
    public async Task GetAsync_ProviderBaseUrlOnLoopback_AllowedOnItsPortOnly()
    {
        (HttpClient client, RecordingDialer dialer) = Create(providerBaseUrl: "http://127.0.0.1:5555");

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:5555/out.mp4"), TestContext.Current.CancellationToken));
        var other = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:5556/out.mp4"), TestContext.Current.CancellationToken));

        dialer.Calls.Count.ShouldBe(1);
        EgressRefusedException.IsRefusal(other).ShouldBeTrue();
    }

    [Theory]
    [InlineData("127.0.0.1:7777", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.1:7778", false)]
    public async Task GetAsync_AllowedHostsEntry_MatchesHostAndPort(string entry, bool allowed)
    {
        (HttpClient client, RecordingDialer dialer) = Create(new EgressOptions { AllowedHosts = [entry] });

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:7777/"), TestContext.Current.CancellationToken));

        dialer.Calls.Count.ShouldBe(allowed ? 1 : 0);
    }

    [Fact]
    public async Task GetAsync_RedirectToAnotherLoopbackPort_HopIsCheckedAndRefused()
    {
        // The first hop is allowed (the provider's address, a real loopback server); its redirect to another port is not.
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "http://127.0.0.1:9/secret";
            return Task.CompletedTask;
        });
        (HttpClient client, RecordingDialer dialer) = Create(providerBaseUrl: server.BaseUrl.ToString(), inner: new SocketEgressDialer());

        var error = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri(server.BaseUrl, "start"), TestContext.Current.CancellationToken));

        EgressRefusedException.IsRefusal(error).ShouldBeTrue();
        dialer.Calls.Count.ShouldBe(1);
        server.RequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_AllowPrivateNetworks_LoopbackIsDialed()
    {
        (HttpClient client, RecordingDialer dialer) = Create(new EgressOptions { AllowPrivateNetworks = true });

        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/"), TestContext.Current.CancellationToken));

        dialer.Calls.Count.ShouldBe(1);
    }
}
