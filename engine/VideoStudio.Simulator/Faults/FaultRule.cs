namespace VideoStudio.Simulator;

/// <summary>
/// One injected fault: what it does, to which requests, how many times (<see cref="Count"/>, null = until removed)
/// and how likely (<see cref="Probability"/>, drawn from a seeded generator so runs repeat).
/// </summary>
public sealed record FaultRule
{
    /// <summary>The requests it applies to.</summary>
    public required FaultTarget Target { get; init; }

    /// <summary>What it does.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Times it fires before it is removed; null = every matching request.</summary>
    public int? Count { get; init; } = 1;

    /// <summary>Chance it fires on a matching request (0..1).</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>Only requests for this model id (submit), or any when null.</summary>
    public string? ModelId { get; init; }

    /// <summary>HTTP status for <see cref="FaultKind.HttpError"/>.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Retry-After seconds for <see cref="FaultKind.RateLimited"/>.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Delay for <see cref="FaultKind.Delay"/>.</summary>
    public int DelayMilliseconds { get; init; }

    /// <summary>Task error code for <see cref="FaultKind.FailTask"/> (1200, 1402, 1403, 1405, 5000, 5003, 5004…).</summary>
    public int TaskCode { get; init; } = 1403;

    /// <summary>Envelope code for <see cref="FaultKind.EnvelopeError"/>.</summary>
    public int EnvelopeCode { get; init; } = 5000;

    /// <summary>Bytes sent before the connection breaks, for <see cref="FaultKind.BreakDownload"/>.</summary>
    public long BreakAfterBytes { get; init; } = 1024;

    /// <summary>Throughput cap for <see cref="FaultKind.SlowDownload"/>.</summary>
    public long BytesPerSecond { get; init; } = 16 * 1024;

    /// <summary>A 5xx answer (500/502/503/504).</summary>
    public static FaultRule HttpError(FaultTarget target, int statusCode, int? count = 1) =>
        new() { Target = target, Kind = FaultKind.HttpError, StatusCode = statusCode, Count = count };

    /// <summary>A 429 with Retry-After.</summary>
    public static FaultRule RateLimited(FaultTarget target, int retryAfterSeconds, int? count = 1) =>
        new() { Target = target, Kind = FaultKind.RateLimited, RetryAfterSeconds = retryAfterSeconds, Count = count };

    /// <summary>A submit that is stored, then its connection dropped.</summary>
    public static FaultRule DropAfterAccept(int? count = 1) => new() { Target = FaultTarget.Submit, Kind = FaultKind.DropAfterAccept, Count = count };

    /// <summary>A slow answer.</summary>
    public static FaultRule Delay(FaultTarget target, int milliseconds, int? count = 1) =>
        new() { Target = target, Kind = FaultKind.Delay, DelayMilliseconds = milliseconds, Count = count };

    /// <summary>A task that fails with a task code.</summary>
    public static FaultRule FailTask(int taskCode, int? count = 1, string? modelId = null) =>
        new() { Target = FaultTarget.Submit, Kind = FaultKind.FailTask, TaskCode = taskCode, Count = count, ModelId = modelId };

    /// <summary>HTTP 200 with a non-200 envelope code.</summary>
    public static FaultRule EnvelopeError(FaultTarget target, int envelopeCode = 5000, int? count = 1) =>
        new() { Target = target, Kind = FaultKind.EnvelopeError, EnvelopeCode = envelopeCode, Count = count };

    /// <summary>An output download that breaks after some bytes.</summary>
    public static FaultRule BreakDownload(long afterBytes, int? count = 1) =>
        new() { Target = FaultTarget.Output, Kind = FaultKind.BreakDownload, BreakAfterBytes = afterBytes, Count = count };

    /// <summary>Outputs that answer 410 as if expired.</summary>
    public static FaultRule ExpireOutput(int? count = 1) => new() { Target = FaultTarget.Output, Kind = FaultKind.ExpireOutput, Count = count };

    /// <summary>A submit that is stored, then answered only after <paramref name="milliseconds"/>.</summary>
    public static FaultRule DelayAfterAccept(int milliseconds, int? count = 1) =>
        new() { Target = FaultTarget.Submit, Kind = FaultKind.DelayAfterAccept, DelayMilliseconds = milliseconds, Count = count };

    /// <summary>An output download throttled to <paramref name="bytesPerSecond"/>.</summary>
    public static FaultRule SlowDownload(long bytesPerSecond, int? count = 1) =>
        new() { Target = FaultTarget.Output, Kind = FaultKind.SlowDownload, BytesPerSecond = bytesPerSecond, Count = count };
}
