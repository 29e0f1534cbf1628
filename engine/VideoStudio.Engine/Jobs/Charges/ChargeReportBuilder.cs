using System.Globalization;

namespace VideoStudio.Engine.Jobs.Charges;

/// <summary>Builds a <see cref="ChargeReport"/> from job records (pure: the caller reads the store and names the rule files).</summary>
internal static class ChargeReportBuilder
{
    /// <summary>
    /// Groups <paramref name="jobs"/> by model and compares estimate with charge over the jobs where both are known.
    /// <paramref name="ruleFileOf"/> names a model's pricing rule file (null when the model is no longer installed).
    /// </summary>
    public static ChargeReport Build(IEnumerable<JobRecord> jobs, DateTimeOffset since, decimal thresholdPercent, Func<string, string?> ruleFileOf)
    {
        var models = jobs.Where(j => j.Charge is not null).GroupBy(j => j.ModelId, StringComparer.Ordinal).Select(g => Model(g.Key, [.. g], thresholdPercent, ruleFileOf)).ToList();
        return new ChargeReport(since, thresholdPercent, $"{ChargeLookup.ProviderBilling} ({ChargeLookup.Confidence}: POST /api/v3/billings/search)",
            [.. models.OrderByDescending(m => m.DriftPercent is decimal d ? Math.Abs(d) : -1m).ThenBy(m => m.ModelId, StringComparer.Ordinal)]);
    }

    private static ModelCharges Model(string modelId, JobRecord[] jobs, decimal threshold, Func<string, string?> ruleFileOf)
    {
        JobCharge[] charges = [.. jobs.Select(j => j.Charge!)];
        JobCharge[] compared = [.. charges.Where(c => c is { Status: JobChargeStatus.Known, ChargedUsd: not null, EstimatedUsd: not null })];
        decimal estimated = compared.Sum(c => c.EstimatedUsd!.Value);
        decimal charged = compared.Sum(c => c.ChargedUsd!.Value);
        decimal drift = charged - estimated;
        decimal? percent = estimated > 0 ? Math.Round(drift / estimated * 100m, 2, MidpointRounding.AwayFromZero) : null;
        bool flagged = percent is decimal p ? Math.Abs(p) > threshold : compared.Length > 0 && charged > 0;
        string? file = flagged ? ruleFileOf(modelId) ?? $"(the pricing rule of {modelId}; the model is no longer installed)" : null;
        string? advice = flagged
            ? string.Create(CultureInfo.InvariantCulture, $"Pricing rule to fix: over {compared.Length} job(s) the provider charged ${charged:0.00##} where the rule estimated ${estimated:0.00##} ({(percent is decimal q ? $"{q:+0.##;-0.##}%" : "estimated $0")}, beyond ±{threshold:0.##}%). Correct {file} and check it with `videostudio plugins check`.")
            : null;
        return new ModelCharges(modelId, jobs.Length, charges.Count(c => c.Status == JobChargeStatus.Known), charges.Count(c => c.Status == JobChargeStatus.Pending),
            charges.Count(c => c.Status == JobChargeStatus.Unavailable), estimated, charged, drift, percent, file, advice);
    }
}
