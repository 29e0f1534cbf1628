using Microsoft.AspNetCore.Http;

namespace VideoStudio.Server.Http;

/// <summary>Reads the authenticated owner inside an endpoint.</summary>
public static class OwnerExtensions
{
    /// <summary>The caller's owner (set by <see cref="OwnerFilter"/>).</summary>
    public static string Owner(this HttpContext context) => OwnerFilter.OwnerOf(context);
}
