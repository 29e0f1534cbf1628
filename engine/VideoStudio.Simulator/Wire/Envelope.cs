using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace VideoStudio.Simulator.Wire;

/// <summary>The WaveSpeed response envelope: <c>{code, message, data}</c> (wavespeed-api.md §3, §6).</summary>
internal static class Envelope
{
    public static IResult Ok(JsonNode? data) => Json(StatusCodes.Status200OK, new JsonObject { ["code"] = 200, ["message"] = "success", ["data"] = data });

    /// <summary>An error: HTTP status and envelope code agree, and <c>data.error</c> repeats the message.</summary>
    public static IResult Error(int status, string message) => Json(status, ErrorBody(status, message));

    /// <summary>HTTP 200 whose envelope code says otherwise: clients must check both.</summary>
    public static IResult EnvelopeError(int code, string message) => Json(StatusCodes.Status200OK, ErrorBody(code, message));

    public static JsonObject ErrorBody(int code, string message) =>
        new() { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["error"] = message } };

    public static IResult Json(int status, JsonNode body) =>
        Results.Content(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);
}
