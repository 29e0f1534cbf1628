using Microsoft.Extensions.Configuration;

namespace VideoStudio.Server.Testing;

/// <summary>
/// Test-only: a host whose wall clock is off by <c>VideoStudio:Testing:ClockOffsetSeconds</c> (its timers and
/// stopwatches are not), so a test can run one host among many on a skewed clock and prove that the store's clock,
/// not the host's, decides leases, submission windows and delivery claims. Unset (every real deployment): the
/// system clock.
/// </summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    /// <summary>The setting: seconds added to this host's clock (negative: behind).</summary>
    public const string Setting = "VideoStudio:Testing:ClockOffsetSeconds";

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;

    /// <summary>The shifted clock the configuration asks for, or null for the system clock.</summary>
    public static TimeProvider? FromConfiguration(IConfiguration configuration) =>
        configuration.GetValue<double?>(Setting) is double seconds && seconds != 0 ? new ShiftedClock(TimeSpan.FromSeconds(seconds)) : null;
}
