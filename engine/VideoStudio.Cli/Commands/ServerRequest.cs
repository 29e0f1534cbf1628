using System.Net.Http.Headers;
using VideoStudio.Cli.Output;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// A request to a running <c>videostudio serve</c>, named by <c>--server</c> and signed in with <c>--api-key</c> (or
/// <c>VIDEOSTUDIO_API_KEY</c>): one home for what <c>plugins --server</c> and <c>plugins reload</c> share.
/// </summary>
internal static class ServerRequest
{
    /// <summary>The server's base address, or null when <paramref name="url"/> is not an absolute URL.</summary>
    public static Uri? BaseOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out Uri? baseAddress) ? baseAddress : null;

    /// <summary>Says that <paramref name="url"/> names no server, and what one looks like.</summary>
    public static int NotAServer(string? url) =>
        Terminal.Fail($"--server '{url}' is not an absolute URL such as http://127.0.0.1:5000.", ExitCodes.InvalidInput);

    /// <summary>A request for <paramref name="path"/> on the server, with the API key when one is given or set.</summary>
    public static HttpRequestMessage Create(HttpMethod method, Uri baseAddress, string path, string? apiKey)
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        if ((apiKey ?? Environment.GetEnvironmentVariable("VIDEOSTUDIO_API_KEY")) is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
