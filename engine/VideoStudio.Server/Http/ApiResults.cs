using Microsoft.AspNetCore.Http;
using VideoStudio.Engine.Common;

namespace VideoStudio.Server.Http;

/// <summary>JSON answers written with the engine's serializer options, so the server and the CLI's --json agree byte for byte.</summary>
public static class ApiResults
{
    /// <summary>200 with <paramref name="value"/>.</summary>
    public static IResult Ok<T>(T value) => TypedResults.Json(value, Json.Options);

    /// <summary><paramref name="status"/> with <paramref name="value"/>.</summary>
    public static IResult Status<T>(T value, int status) => TypedResults.Json(value, Json.Options, statusCode: status);
}
