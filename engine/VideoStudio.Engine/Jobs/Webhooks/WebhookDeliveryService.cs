using Microsoft.Extensions.Hosting;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>Runs <see cref="WebhookDispatcher"/> for the life of a long-running host (the server adds it).</summary>
public sealed class WebhookDeliveryService(WebhookDispatcher dispatcher) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
