using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace VideoStudio.Server.Http;

/// <summary>
/// Maps a request to its owner: the owner of its Bearer key (or <c>?access_token=</c> where headers cannot be sent),
/// or <c>local</c> when no keys are configured. Keys are compared as SHA-256 digests in constant time.
/// </summary>
public sealed class OwnerResolver
{
    /// <summary>The owner when the server has no API keys.</summary>
    public const string LocalOwner = "local";

    private readonly (byte[] Digest, string Owner)[] keys;

    /// <summary>Creates the resolver from the configured keys.</summary>
    public OwnerResolver(IOptions<ServerOptions> options) =>
        keys = options.Value.ApiKeys.Select(kv => (Digest(kv.Key), kv.Value)).ToArray();

    /// <summary>True when callers must present a key.</summary>
    public bool RequiresKey => keys.Length > 0;

    /// <summary>The caller's owner, or null when a key is required and missing or unknown.</summary>
    public string? Resolve(HttpContext context, bool allowQueryToken)
    {
        if (!RequiresKey)
        {
            return LocalOwner;
        }

        string? presented = BearerToken(context.Request.Headers.Authorization.ToString())
            ?? (allowQueryToken ? context.Request.Query["access_token"].ToString() : null);
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        byte[] digest = Digest(presented);
        string? owner = null;
        foreach ((byte[] known, string o) in keys)
        {
            // Every key is compared, so the time taken does not reveal which one (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(known, digest))
            {
                owner = o;
            }
        }

        return owner;
    }

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
