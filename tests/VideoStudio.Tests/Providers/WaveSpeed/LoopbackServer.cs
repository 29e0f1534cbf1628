using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>A real Kestrel server on 127.0.0.1 with one handler delegate, counting requests: a tiny fake WaveSpeed.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requestCount;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Root URL, e.g. http://127.0.0.1:54321/.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Requests received so far.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, int port = 0)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        WebApplication app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref server!.requestCount);
            await handler(context);
        });
        await app.StartAsync();
        server = new LoopbackServer(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
