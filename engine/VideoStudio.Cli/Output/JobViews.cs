using Spectre.Console;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Jobs.Charges;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Output;

/// <summary>How jobs print.</summary>
public static class JobViews
{
    /// <summary>Prints the outcome of a job for people.</summary>
    public static void RenderResult(JobView job)
    {
        if (job.State == JobState.Completed)
        {
            AnsiConsole.MarkupLine($"[green]done[/] {Terminal.Esc(job.Id)}: {Terminal.Esc(job.Outputs[0].LocalPath)} ({job.Outputs[0].SizeBytes / 1024.0:0} KiB, cost {Cost(job)})");
            if (job.Outputs[0].Text is string text)
            {
                // A text answer (a prompt optimizer's) is the result: printed whole, on stdout, to copy or pipe.
                Console.WriteLine(text);
            }
        }
        else
        {
            Terminal.Fail($"{job.Id} is {job.State}: {job.Error?.Message ?? "no reason recorded"}", ExitCodes.Failure);
        }
    }

    /// <summary>The job's cost as text: never $0 for unknown; free work reads as free.</summary>
    public static string Cost(JobView job) => (job.FinalCostUsd ?? job.EstimateUsd) switch
    {
        0m => "free (runs locally)", // only a free rule totals $0: a 0 rate is refused at load and unknown is null
        decimal usd => $"${usd:0.00##} ({job.CostSource ?? "estimated"})",
        null => "unknown",
    };

    /// <summary>Prints estimates against charges per model, flagging the pricing rules to fix.</summary>
    public static void RenderCharges(ChargeReport report)
    {
        if (report.Models.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]charges: no finished jobs this month to compare.[/]");
            return;
        }

        var table = new Table().AddColumns("Model", "Jobs", "Charged", "Pending", "Estimated (charged jobs)", "Charged USD", "Drift").Title($"Estimate vs charge since {report.Since:yyyy-MM-dd} (threshold ±{report.ThresholdPercent:0.##}%)");
        foreach (ModelCharges m in report.Models)
        {
            string drift = m.DriftPercent is decimal p ? $"{p:+0.##;-0.##;0}%" : "–";
            table.AddRow(Terminal.Esc(m.ModelId), m.Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ChargedJobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (m.PendingJobs + m.UnavailableJobs).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{m.EstimatedUsd:0.00##}", $"{m.ChargedUsd:0.00##}", m.Flagged ? $"[red]{drift}[/]" : drift);
        }

        AnsiConsole.Write(table);
        foreach (ModelCharges m in report.Models.Where(m => m.Flagged))
        {
            AnsiConsole.MarkupLine($"[red]pricing rule to fix[/] {Terminal.Esc(m.ModelId)}: {Terminal.Esc(m.Advice)}");
        }

        AnsiConsole.MarkupLine($"[grey]Charges: {Terminal.Esc(report.ChargeSource)}.[/]");
    }

    /// <summary>Prints each job's estimate, hold and charge (an unknown amount reads "unknown", never $0).</summary>
    public static void RenderJobSpend(IReadOnlyList<JobView> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        static string Usd(decimal? usd) => usd is decimal d ? $"${d:0.00##}" : "unknown";
        var table = new Table().AddColumns("Job", "Model", "State", "Estimated", "Held", "Charged").Title("Jobs this month");
        foreach (JobView job in jobs)
        {
            string charged = job.Charge?.ChargedUsd is decimal c ? $"${c:0.00##}" : job.Charge is null ? "–" : "pending";
            table.AddRow(Terminal.Esc(job.Id), Terminal.Esc(job.ModelId), job.State.ToString(),
                Terminal.Esc(Usd(job.EstimateUsd) + (job.EstimateSource == "live-quote" ? " (quote)" : string.Empty)), Terminal.Esc(Usd(job.HoldUsd)), Terminal.Esc(charged));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Prints a chain of jobs with its total cost.</summary>
    public static void RenderChain(JobChain chain)
    {
        var table = new Table().AddColumns("Job", "Model", "State", "Fed by", "Cost");
        foreach (ChainedJob job in chain.Jobs)
        {
            table.AddRow(Terminal.Esc(job.Id), Terminal.Esc(job.ModelId), job.State.ToString(), Terminal.Esc(string.Join(", ", job.Parents.Select(p => $"{p.Field} ← {p.JobId}"))),
                job.CostSource == CostSources.Free ? "free (runs locally)" : job.CostUsd is decimal c ? $"${c:0.00##} ({Terminal.Esc(job.CostSource)})" : "unknown");
        }

        AnsiConsole.Write(table);
        int free = chain.Jobs.Count(j => j.CostSource == CostSources.Free);
        string steps = $"{chain.Jobs.Count - free} paid step(s), {free} free";
        AnsiConsole.MarkupLine(chain.TotalUsd is decimal total ? $"total: [bold]${total:0.00##}[/] ({steps})" : $"total: unknown ({chain.UnknownCostJobs} job(s) of unknown cost; known ${chain.KnownUsd:0.00##}; {steps})");
    }
}
