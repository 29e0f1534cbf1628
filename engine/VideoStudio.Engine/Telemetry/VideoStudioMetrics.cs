using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Telemetry;

/// <summary>
/// The engine's instruments, made from the host's <see cref="IMeterFactory"/> under the <c>VideoStudio</c> meter.
/// Counters only count what this process did; dashboards sum over processes. Money is reported in USD as a double
/// (instruments cannot carry <c>decimal</c>); the job store stays the record of what was spent.
/// </summary>
public sealed class VideoStudioMetrics
{
    private readonly Counter<long> transitions;
    private readonly Counter<long> submissions;
    private readonly Counter<long> resultPolls;
    private readonly Counter<long> providerErrors;
    private readonly Counter<long> reconciliations;
    private readonly Counter<double> settled;
    private readonly Counter<double> held;
    private readonly Counter<double> charged;
    private readonly Counter<long> budgetRefusals;
    private readonly Counter<long> pluginLoads;
    private readonly Histogram<double> providerDuration;

    /// <summary>Creates the instruments.</summary>
    public VideoStudioMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(VideoStudioTelemetry.Name);
        transitions = meter.CreateCounter<long>("videostudio.job.transitions", "{transition}", "Jobs entering a state, by model and state.");
        submissions = meter.CreateCounter<long>("videostudio.provider.submissions", "{submission}", "Paid submissions sent, by model and outcome (accepted, refused, unknown).");
        resultPolls = meter.CreateCounter<long>("videostudio.provider.result_polls", "{request}", "Reads of a prediction's result, by model.");
        providerErrors = meter.CreateCounter<long>("videostudio.provider.errors", "{error}", "Provider calls that failed, by operation and error.type.");
        reconciliations = meter.CreateCounter<long>("videostudio.job.reconciliations", "{reconciliation}", "Submissions whose answer was lost, by outcome (adopted, needs-decision).");
        settled = meter.CreateCounter<double>("videostudio.spend.settled", "USD", "Money settled on jobs that ended, by model.");
        charged = meter.CreateCounter<double>("videostudio.spend.charged", "USD", "What the provider billed for finished jobs, from its billing records, by model (the spend adjusted to it).");
        held = meter.CreateCounter<double>("videostudio.spend.held", "USD", "Money reserved against budgets when jobs were accepted, by model.");
        budgetRefusals = meter.CreateCounter<long>("videostudio.budget.refusals", "{request}", "Jobs refused by a budget (max-cost, daily-cap, monthly-cap).");
        pluginLoads = meter.CreateCounter<long>("videostudio.plugin.loads", "{plugin}", "Plugins loaded (at start and on every reload), by status.");
        providerDuration = meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Duration of provider calls (GenAI semantic conventions).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>A job entered <paramref name="state"/>.</summary>
    public void JobEntered(string model, JobState state) =>
        transitions.Add(1, new(TelemetryTags.Model, model), new(TelemetryTags.JobState, Wire(state)));

    /// <summary>A job ended and its reservation settled to <paramref name="usd"/>.</summary>
    public void Settled(string model, decimal usd) => settled.Add((double)usd, new KeyValuePair<string, object?>(TelemetryTags.Model, model));

    /// <summary>The provider's charge for a finished job became known: <paramref name="usd"/> from its billing records.</summary>
    public void Charged(string model, decimal usd) => charged.Add((double)usd, new KeyValuePair<string, object?>(TelemetryTags.Model, model));

    /// <summary>A job was accepted holding <paramref name="usd"/> against budgets.</summary>
    public void Held(string model, decimal usd) => held.Add((double)usd, new KeyValuePair<string, object?>(TelemetryTags.Model, model));

    /// <summary>A budget refused a job.</summary>
    public void BudgetRefused(string budget) => budgetRefusals.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Budget, budget));

    /// <summary>A lost submission was settled.</summary>
    public void Reconciled(string model, bool adopted) =>
        reconciliations.Add(1, new(TelemetryTags.Model, model), new(TelemetryTags.Outcome, adopted ? "adopted" : "needs-decision"));

    /// <summary>A plugin was loaded with <paramref name="status"/>.</summary>
    public void PluginLoaded(string status) => pluginLoads.Add(1, new KeyValuePair<string, object?>(TelemetryTags.PluginStatus, status));

    /// <summary>A provider call ended after <paramref name="seconds"/>; <paramref name="errorType"/> is null when it succeeded.</summary>
    public void ProviderCall(string operation, string? model, double seconds, string? errorType)
    {
        var tags = new TagList { { TelemetryTags.Operation, operation }, { TelemetryTags.Provider, "wavespeed" } };
        if (model is not null)
        {
            tags.Add(TelemetryTags.Model, model);
        }

        if (errorType is not null)
        {
            tags.Add(TelemetryTags.ErrorType, errorType);
            providerErrors.Add(1, tags);
        }

        providerDuration.Record(seconds, tags);
    }

    /// <summary>A paid submission was sent and ended as <paramref name="outcome"/> (accepted, refused, unknown).</summary>
    public void Submitted(string model, string outcome) =>
        submissions.Add(1, new(TelemetryTags.Model, model), new(TelemetryTags.Outcome, outcome));

    /// <summary>A prediction's result was read.</summary>
    public void ResultPolled() => resultPolls.Add(1);

    /// <summary>An enum member as the API spells it (kebab-case: <c>needs-decision</c>), so dashboards and answers agree.</summary>
    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
