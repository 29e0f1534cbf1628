using System.Net;
using System.Net.Sockets;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Egress;

namespace VideoStudio.Engine.Jobs.Webhooks;

/// <summary>
/// Checks a webhook URL a caller gives (a job's <c>webhook</c>, an owner's endpoint) against the egress policy
/// before it is stored: absolute http(s), no user info, at most 2048 characters, and a host that resolves to an
/// address the policy allows (public, allow-listed, or anywhere when private networks are allowed). Every delivery
/// connection is checked again (<see cref="EgressHttpHandler"/>), so a DNS change later cannot reach the host's network.
/// </summary>
internal sealed class WebhookTargets(EgressPolicy policy)
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>Null when <paramref name="url"/> may be posted to; else the issue, naming <paramref name="field"/> and the fix.</summary>
    public async Task<ValidationIssue?> CheckAsync(string url, string field, CancellationToken cancellationToken)
    {
        if (url.Length > MaxLength || !HttpUrl.TryParse(url, out Uri? uri))
        {
            return Issue(field, ErrorCodes.WebhookInvalid, $"'{field}' must be an absolute http(s) URL of at most {MaxLength} characters.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return Issue(field, ErrorCodes.WebhookInvalid, $"'{field}' must not carry a user name or password ({UrlRedactor.Redact(uri)}); put a token in the query or check the signature instead.");
        }

        string host = uri.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out IPAddress? literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return Issue(field, ErrorCodes.WebhookUnresolvable, $"'{field}' names a host that does not resolve ({UrlRedactor.Redact(uri)}).");
        }

        return addresses.Any(a => policy.IsAllowed(host, uri.Port, a))
            ? null
            : Issue(field, ErrorCodes.WebhookNotAllowed, $"'{field}' is not allowed ({UrlRedactor.Redact(uri)}): {EgressRefusedException.Text} Add the host to VideoStudio:Egress:AllowedHosts to post to it.");
    }

    private static ValidationIssue Issue(string field, string code, string message) => new(field, code, message);
}
