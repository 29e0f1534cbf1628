namespace VideoStudio.Server.Api;

/// <summary>Body of <c>PUT /v1/webhooks/endpoint</c>.</summary>
/// <param name="Url">The http(s) URL to post the owner's job events to (jobs without a webhook of their own).</param>
public sealed record WebhookEndpointRequest(string Url);
