namespace VideoStudio.Tests.Jobs;

/// <summary>A host's clock that is off by <paramref name="skew"/> from <paramref name="truth"/> (ahead when positive).</summary>
internal sealed class SkewedClock(TimeProvider truth, TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => truth.GetUtcNow() + skew;
}
