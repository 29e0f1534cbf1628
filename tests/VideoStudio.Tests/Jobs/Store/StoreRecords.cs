using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;

namespace VideoStudio.Tests.Jobs;

/// <summary>Job records for store tests: a fixed clock, so budget periods are predictable.</summary>
internal static class StoreRecords
{
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static JobRecord Queued(string owner = "alice", decimal? hold = 1m, string? idempotencyKey = null, DateTimeOffset? at = null) => new()
    {
        Id = "job_" + Guid.NewGuid().ToString("N"),
        Owner = owner,
        ModelId = "lightricks/ltx-2-fast/text-to-video",
        PluginVersion = "1.0.0",
        Input = new JsonObject { ["prompt"] = "a boat", ["duration"] = 6 },
        IdempotencyKey = idempotencyKey,
        EstimateUsd = hold,
        HoldUsd = hold,
        State = JobState.Queued,
        Provider = "http://127.0.0.1:5080",
        CreatedAt = at ?? Now,
        UpdatedAt = at ?? Now,
        Transitions = [new StateTransition(JobState.Queued, at ?? Now)],
    };

    public static BudgetCaps Caps(decimal? daily = null, decimal? monthly = null, DateTimeOffset? at = null) => new(daily, monthly, at ?? Now);
}
