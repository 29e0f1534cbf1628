using VideoStudio.Engine.Jobs;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Charges;

/// <summary>The charge settings are checked, each failure naming the setting and the fix.</summary>
public sealed class ChargeOptionsValidationTests
{
    // As a host validates at start: the DataAnnotations of JobOptions and its validator of rules spanning settings.
    private static string? Failure(Action<JobOptions> change) => OptionsFailures.Of(change);

    [Fact]
    public void Validate_Defaults_Pass() => Failure(_ => { }).ShouldBeNull();

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public void Validate_DriftThresholdOutOfRange_NamesTheSetting(int percent) =>
        Failure(o => o.ChargeDriftThresholdPercent = percent)!.ShouldContain("ChargeDriftThresholdPercent");

    [Fact]
    public void Validate_ZeroLookupDelay_NamesTheSetting() =>
        Failure(o => o.ChargeLookupDelays = [TimeSpan.FromSeconds(5), TimeSpan.Zero])!.ShouldContain("ChargeLookupDelays");

    [Fact]
    public void Validate_TooManyLookups_NamesTheLimit() =>
        Failure(o => o.ChargeLookupDelays = [.. Enumerable.Repeat(TimeSpan.FromSeconds(1), 21)])!.ShouldContain("at most 20");

    [Fact]
    public void Validate_ZeroLookupInterval_NamesTheSetting() =>
        Failure(o => o.ChargeLookupInterval = TimeSpan.Zero)!.ShouldContain("ChargeLookupInterval");

    [Fact]
    public void ChargeLookupSchedule_NotConfigured_TheDefaultBoundedSchedule() =>
        new JobOptions().ChargeLookupSchedule.Count.ShouldBeInRange(1, 20);
}
