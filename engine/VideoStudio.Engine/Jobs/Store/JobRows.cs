using System.Globalization;
using System.Text.Json;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs.Leases;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>What every job store does the same way: the stored JSON, budget arithmetic, and why a fenced write was refused.</summary>
internal static class JobRows
{
    // "Per minute" as the store counts it: a minute plus two seconds, for the provider's clock and the POST's way there,
    // so a submission the store lets through at the window's edge is not the provider's 429.
    public const long SubmitWindowMilliseconds = 62_000;

    public static string Serialize(JobRecord job) => JsonSerializer.Serialize(job, Json.Options);

    public static JobRecord Deserialize(string json) => JsonSerializer.Deserialize<JobRecord>(json, Json.Options)!;

    /// <summary>When the job's charge lookup is due (Unix ms), for the indexed column; null when none is pending.</summary>
    public static long? ChargeDueAt(JobRecord job) =>
        job.Charge is { Status: JobChargeStatus.Pending, NextLookupAt: DateTimeOffset due } ? due.ToUnixTimeMilliseconds() : null;

    /// <summary>The charge status column; null for a job with no charge record.</summary>
    public static string? ChargeStatus(JobRecord job) => job.Charge?.Status.ToString();

    public static DateTimeOffset StartOfDay(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset StartOfMonth(DateTimeOffset now) => new(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    // Money only ever adds: a negative amount reaching a store is a bug upstream, and must not free budget.
    public static decimal NonNegative(decimal usd) => usd < 0 ? throw new ArgumentOutOfRangeException(nameof(usd), usd, "A hold or a cost is never negative.") : usd;

    public static SpendSummary Add(SpendSummary sum, decimal amount, bool settled) =>
        settled ? sum with { SettledUsd = sum.SettledUsd + amount, Jobs = sum.Jobs + 1 } : sum with { ReservedUsd = sum.ReservedUsd + amount, Jobs = sum.Jobs + 1 };

    public static void CheckCap(string owner, decimal hold, decimal limit, SpendSummary spent, string period)
    {
        decimal used = spent.TotalUsd;
        if (used + hold > limit)
        {
            throw new BudgetExceededException(string.Create(CultureInfo.InvariantCulture,
                $"This job needs ${hold:0.00##} but the {period} cap for '{owner}' is ${limit:0.00##} and ${used:0.00##} is already spent or reserved (${Math.Max(0, limit - used):0.00##} left). Wait for the next period or raise the cap."));
        }
    }

    /// <summary>Explains a refused compare-and-set from the row as it stands: a lost lease, else a newer version.</summary>
    public static void ThrowRefused(JobRecord job, JobLease lease, long version, string? holder, long token, long? expiresAt, long now)
    {
        if (token != lease.Token || holder != lease.Worker)
        {
            throw new JobLeaseLostException(job.Id, holder is null ? "released" : $"claimed by {holder} with token {token}");
        }

        if (expiresAt is null || expiresAt <= now)
        {
            throw new JobLeaseLostException(job.Id, "expired");
        }

        throw new JobConcurrencyException($"Job {job.Id} changed since version {job.Version} was read (now {version}).");
    }
}
