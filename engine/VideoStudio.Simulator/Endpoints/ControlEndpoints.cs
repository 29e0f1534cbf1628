using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoStudio.Engine.Common;
using VideoStudio.Simulator.Wire;

namespace VideoStudio.Simulator.Endpoints;

/// <summary>
/// Test controls under <c>/_simulator/</c>: unauthenticated, answered only to loopback callers. Fault JSON uses the
/// engine's conventions, e.g. <c>{"target":"result-poll","kind":"http-error","statusCode":503,"count":2}</c>.
/// </summary>
internal sealed class ControlEndpoints(SimulatorFaults faults, SimulatorStats stats)
{
    public IResult Stats() => Envelope.Ok(stats.ToJson());

    public IResult ListFaults() => Envelope.Ok(JsonSerializer.SerializeToNode(faults.Active, Json.Options));

    public async Task<IResult> AddFaultAsync(HttpContext context)
    {
        FaultRule? rule;
        try
        {
            rule = await JsonSerializer.DeserializeAsync<FaultRule>(context.Request.Body, Json.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "Not a fault rule: " + ex.Message);
        }

        if (rule is null)
        {
            return Envelope.Error(StatusCodes.Status400BadRequest, "Not a fault rule.");
        }

        faults.Add(rule);
        return Envelope.Ok(JsonSerializer.SerializeToNode(faults.Active, Json.Options));
    }

    public IResult ClearFaults()
    {
        faults.Clear();
        return Envelope.Ok(new JsonArray());
    }
}
