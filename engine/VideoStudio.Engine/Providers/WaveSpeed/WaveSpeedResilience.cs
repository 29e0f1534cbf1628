using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// The read pipeline, outermost first: total timeout → retry → circuit breaker → attempt timeout (dotnet-notes §4–§5).
/// Used only by the poll client, whose requests are all safe to repeat.
/// </summary>
internal static class WaveSpeedResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, WaveSpeedOptions options, TimeProvider time)
    {
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.PollTotalTimeout, Name = "wavespeed-total-timeout" });

        var retry = new HttpRetryStrategyOptions
        {
            Name = "wavespeed-retry",
            MaxRetryAttempts = options.PollMaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.PollRetryBaseDelay,
            MaxDelay = options.MaxRetryAfter,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        };
        retry.ShouldRetryAfterHeader = false; // Replaced below: the built-in honours any Retry-After uncapped (#7701).
        // Outcome<T> is Polly's finished result holder (no task is awaited here); a pattern reads its response.
        retry.DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome is { Result: HttpResponseMessage response } ? response : null, options.MaxRetryAfter, time));
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(retry);
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "wavespeed-breaker",
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            FailureRatio = options.CircuitBreakerFailureRatio,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.PollAttemptTimeout, Name = "wavespeed-attempt-timeout" });
    }

    /// <summary>429/500/502/503/504 (the SDKs' set), connection errors and attempt timeouts.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };

    /// <summary>The server's Retry-After capped at <paramref name="cap"/>; null (use the backoff) when absent.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is DateTimeOffset date ? date - time.GetUtcNow() : null);
        return wait is TimeSpan w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, cap.Ticks)) : null;
    }
}
