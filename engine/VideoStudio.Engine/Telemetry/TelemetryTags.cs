namespace VideoStudio.Engine.Telemetry;

/// <summary>
/// Attribute names. Provider calls follow the OpenTelemetry GenAI conventions where they fit
/// (<c>gen_ai.operation.name</c>, <c>gen_ai.provider.name</c>, <c>gen_ai.request.model</c>, <c>error.type</c>); what video
/// jobs need beyond them lives under <c>videostudio.</c> (a job's id and state, budgets, plugins). No owner is
/// ever a tag: it is personal data and unbounded.
/// </summary>
public static class TelemetryTags
{
    /// <summary>GenAI: what the provider call does (<c>submit</c>, <c>result</c>, <c>history</c>, <c>upload</c>, <c>download</c>, <c>quote</c>).</summary>
    public const string Operation = "gen_ai.operation.name";

    /// <summary>GenAI: the provider (<c>wavespeed</c>).</summary>
    public const string Provider = "gen_ai.provider.name";

    /// <summary>GenAI: the model id asked for.</summary>
    public const string Model = "gen_ai.request.model";

    /// <summary>The failure's kind (a <c>ProviderErrorKind</c>, <c>outcome_unknown</c>, or an exception type).</summary>
    public const string ErrorType = "error.type";

    /// <summary>The job's id (spans only: unbounded).</summary>
    public const string JobId = "videostudio.job.id";

    /// <summary>The state a job moved to.</summary>
    public const string JobState = "videostudio.job.state";

    /// <summary>How something ended: <c>accepted</c>/<c>refused</c>/<c>unknown</c> for submissions, <c>adopted</c>/<c>needs-decision</c> for reconciliations.</summary>
    public const string Outcome = "videostudio.outcome";

    /// <summary>Which budget refused a job: <c>max-cost</c>, <c>daily-cap</c> or <c>monthly-cap</c>.</summary>
    public const string Budget = "videostudio.budget";

    /// <summary>A plugin's load status (<c>active</c>, <c>code-failed</c>, <c>degraded</c>, <c>quarantined</c>, as the API spells them).</summary>
    public const string PluginStatus = "videostudio.plugin.status";
}
