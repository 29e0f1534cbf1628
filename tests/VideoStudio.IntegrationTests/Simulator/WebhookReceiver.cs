using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoStudio.IntegrationTests.Simulator;

/// <summary>A tiny loopback HTTP server that records each webhook POST (headers, raw body and the URL's query) and answers 204.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<Delivery> deliveries = Channel.CreateUnbounded<Delivery>();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public sealed record Delivery(string Id, string Timestamp, string Signature, string RawBody, string Query);

    public string Url => app.Urls.First().TrimEnd('/') + "/hook";

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver.app.MapPost("/hook", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            string raw = await reader.ReadToEndAsync(c.RequestAborted);
            await receiver.deliveries.Writer.WriteAsync(new Delivery(
                c.Request.Headers["webhook-id"].ToString(), c.Request.Headers["webhook-timestamp"].ToString(),
                c.Request.Headers["webhook-signature"].ToString(), raw, c.Request.QueryString.Value ?? string.Empty), c.RequestAborted);
            return Results.NoContent();
        });
        await receiver.app.StartAsync(cancellationToken);
        return receiver;
    }

    public ValueTask<Delivery> NextAsync(CancellationToken cancellationToken) => deliveries.Reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
