using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Builds authenticated WaveSpeed API requests from the current options (so a reloaded key is picked up).</summary>
internal sealed class WaveSpeedRequestFactory(IOptionsMonitor<WaveSpeedOptions> options)
{
    public WaveSpeedOptions Options => options.CurrentValue;

    /// <summary>An absolute request to <c>{BaseUrl}/{relativePath}</c> with the bearer key and attribution header.</summary>
    /// <exception cref="ProviderException">No API key is configured.</exception>
    public HttpRequestMessage Create(HttpMethod method, string relativePath, HttpContent? content = null)
    {
        WaveSpeedOptions current = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(current.ApiKey))
        {
            throw new ProviderException(ProviderErrorKind.Authentication,
                "No WaveSpeed API key is configured. Set WAVESPEED_API_KEY (or WaveSpeed:ApiKey); the account needs a top-up before keys work.");
        }

        var request = new HttpRequestMessage(method, new Uri(BaseWithSlash(current.BaseUrl), relativePath)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.ApiKey);
        if (!string.IsNullOrWhiteSpace(current.ClientName))
        {
            request.Headers.TryAddWithoutValidation("X-Client-Name", current.ClientName);
        }

        return request;
    }

    /// <summary>A UTF-8 JSON body.</summary>
    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    // Uri(base, relative) drops the last path segment of a base without a trailing slash ("…/proxy" + "api" → "…/api").
    private static Uri BaseWithSlash(Uri baseUrl) =>
        baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
