using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using VideoStudio.Cli.Output;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>`jobs list|show|watch|cancel|resume|spend|chain`: the durable job store, scoped to an owner.</summary>
public sealed class JobsCommand : ICliCommand
{
    private static readonly Option<string> Owner = new("--owner") { Description = "Whose jobs (default: local).", DefaultValueFactory = _ => "local", Recursive = true };

    /// <inheritdoc />
    public Command Build()
    {
        var jobs = new Command("jobs", "List, inspect, watch, cancel and resume jobs; show spend.") { Owner };
        jobs.Subcommands.Add(List());
        jobs.Subcommands.Add(Show());
        jobs.Subcommands.Add(Watch());
        jobs.Subcommands.Add(Cancel());
        jobs.Subcommands.Add(Resume());
        jobs.Subcommands.Add(Spend());
        jobs.Subcommands.Add(Chain());
        return jobs;
    }

    private static Command List()
    {
        Option<JobState?> state = new("--state") { Description = "Only jobs in this state (Queued, Processing, Completed, Failed, NeedsDecision, ...)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("list", "The owner's jobs, newest first.") { state, json };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            IReadOnlyList<JobView> list = await jobs.ListAsync(parse.GetValue(Owner)!, parse.GetValue(state), 200, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(list);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Job", "Model", "State", "Cost", "Created");
            foreach (JobView job in list)
            {
                table.AddRow(Terminal.Esc(job.Id), Terminal.Esc(job.ModelId), job.State.ToString(), Terminal.Esc(JobViews.Cost(job)), job.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        Argument<string> id = new("job") { Description = "Job id." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("show", "One job in full.") { id, json };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            JobView job = await jobs.GetAsync(parse.GetValue(id)!, parse.GetValue(Owner)!, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No job {parse.GetValue(id)} for owner {parse.GetValue(Owner)}. 'videostudio jobs list' shows the ids.");
            Terminal.WriteJson(job);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Watch()
    {
        Argument<string> id = new("job") { Description = "Job id." };
        var command = new Command("watch", "Follow a job's progress until it settles.") { id };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            await foreach (JobEvent e in jobs.WatchAsync(parse.GetValue(id)!, parse.GetValue(Owner)!, ct).ConfigureAwait(false))
            {
                Console.Out.WriteLine($"{e.At:HH:mm:ss} {e.Kind,-12} {e.Message}");
            }

            JobView? job = await jobs.GetAsync(parse.GetValue(id)!, parse.GetValue(Owner)!, ct).ConfigureAwait(false);
            return job?.State == JobState.Completed ? ExitCodes.Ok : ExitCodes.Failure;
        }, ct));
        return command;
    }

    private static Command Cancel()
    {
        Argument<string> id = new("job") { Description = "Job id." };
        var command = new Command("cancel", "Cancel a job (a task already at the provider keeps running there and may be billed).") { id };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            JobView job = await jobs.CancelAsync(parse.GetValue(id)!, parse.GetValue(Owner)!, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"{job.Id}: {job.State}. {job.Error?.Message}");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Resume()
    {
        var command = new Command("resume", "Take over every unfinished job no live process holds, carry them to the end, and wait for the owner's unfinished jobs to settle. "
            + "Several resumes at once share the work: each claims only as many jobs as it runs at once (MaxConcurrentJobs).");
        command.SetAction((parse, ct) => CliApp.WithServicesAsync(parse, services =>
        {
            int batch = services.GetRequiredService<IOptions<JobOptions>>().Value.MaxConcurrentJobs;
            DateTimeOffset started = services.GetRequiredService<TimeProvider>().GetUtcNow();
            // The worker claims a share at start and more as jobs finish (until it holds `batch`), so other resuming
            // processes get theirs; a job whose worker died is claimed once its lease lapses. Ends when the owner has
            // nothing unfinished left.
            string owner = parse.GetValue(Owner)!;
            var reported = new HashSet<string>(StringComparer.Ordinal);
            return CliApp.WhileJobsRunAsync(services, batch, async jobs =>
            {
                while (true)
                {
                    await jobs.ResumeAsync(batch, ct).ConfigureAwait(false);
                    IReadOnlyList<JobView> mine = await jobs.ListAsync(owner, null, 10_000, ct).ConfigureAwait(false);
                    foreach (JobView settled in mine.Where(j => (j.IsTerminal || j.State == JobState.NeedsDecision) && j.UpdatedAt >= started && reported.Add(j.Id)))
                    {
                        Console.Out.WriteLine($"{settled.Id}: {settled.State}");
                    }

                    if (!mine.Any(j => !j.IsTerminal && j.State != JobState.NeedsDecision))
                    {
                        return ExitCodes.Ok;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
                }
            }, ct);
        }, ct));
        return command;
    }

    private static Command Spend()
    {
        Option<bool> json = CommonOptions.Json();
        var command = new Command("spend", "Spent and reserved today and this month against the caps, and this month's estimates against the provider's charges per model.") { json };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            await jobs.CollectChargesAsync(ct).ConfigureAwait(false); // charges that came due while no process was running
            SpendReport report = await jobs.GetSpendAsync(parse.GetValue(Owner)!, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(report);
            }
            else
            {
                Console.Out.WriteLine($"today: ${report.Today.TotalUsd:0.00##} (settled ${report.Today.SettledUsd:0.00##}, reserved ${report.Today.ReservedUsd:0.00##}) cap {(report.DailyCapUsd is decimal d ? $"${d:0.00}" : "none")}");
                Console.Out.WriteLine($"month: ${report.ThisMonth.TotalUsd:0.00##} (settled ${report.ThisMonth.SettledUsd:0.00##}, reserved ${report.ThisMonth.ReservedUsd:0.00##}) cap {(report.MonthlyCapUsd is decimal m ? $"${m:0.00}" : "none")}");
                JobViews.RenderCharges(report.Charges);
                // Each job's own estimate, hold and charge: the per-model sums above count only jobs already charged.
                IReadOnlyList<JobView> month = (await jobs.ListAsync(parse.GetValue(Owner)!, null, 200, ct).ConfigureAwait(false))
                    .Where(j => j.CreatedAt >= report.Charges.Since).ToArray();
                JobViews.RenderJobSpend(month);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Chain()
    {
        Argument<string> id = new("job") { Description = "Job id (the chain's last step)." };
        Option<bool> json = CommonOptions.Json();
        var command = new Command("chain", "A job and the jobs whose outputs fed it (job:<id> media), with the chain's total cost.") { id, json };
        command.SetAction((parse, ct) => CliApp.WithJobsAsync(parse, async (_, jobs) =>
        {
            if (await jobs.GetChainAsync(parse.GetValue(id)!, parse.GetValue(Owner)!, ct).ConfigureAwait(false) is not { } chain)
            {
                return Terminal.Fail($"No job '{parse.GetValue(id)}' of owner '{parse.GetValue(Owner)}'.", ExitCodes.Failure);
            }

            if (parse.GetValue(json))
            {
                Terminal.WriteJson(chain);
            }
            else
            {
                JobViews.RenderChain(chain);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
