using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Jobs.Execution;
using VideoStudio.Engine.Jobs.Leases;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Planning;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Jobs.Facade;

/// <summary>
/// Accepts a request: the model must be runnable, its <c>job:&lt;id&gt;</c> media the caller's finished jobs, the input valid, the price within --max-cost and the owner's caps
/// (an unknown price only against a live quote); then the job is stored with its reservation and lease, and handed to
/// the executor, due at once.
/// </summary>
internal sealed class JobIntake(RequestPlanner planner, JobContext context, JobExecutor executor, WebhookSettings webhooks, Chaining.JobOutputMedia outputMedia)
{
    /// <summary>Validates, prices, reserves, stores and starts a job; returns it (or the existing job for the same idempotency key).</summary>
    public async Task<JobRecord> SubmitAsync(VideoRequest request, string? outputPath, CancellationToken cancellationToken)
    {
        // The model is resolved once, here; everything after works from it and from the plan.
        PluginCatalog catalog = await planner.CatalogAsync(cancellationToken).ConfigureAwait(false);
        ModelDefinition model = catalog.Registry.Find(request.ModelId);
        PluginInfo plugin = catalog.PluginOf(model);
        if (plugin.Status != PluginStatus.Active)
        {
            throw new JobRejectedException($"{model.Id} cannot run: its plugin '{plugin.Id}' is {plugin.Status}. {plugin.Reason}", []);
        }

        // job:<id> media become the stored output files here, so they are probed, priced and uploaded as local media.
        Chaining.JobMediaResolution chained = await outputMedia.ResolveAsync(request.Owner, [model], request.Input, cancellationToken).ConfigureAwait(false);
        if (chained.Issues.Count > 0)
        {
            throw new JobRejectedException($"The input is not valid for {model.Id}: {string.Join(" ", chained.Issues.Select(e => e.Message))}", chained.Issues);
        }

        RequestPlan plan = await planner.PlanAsync(catalog, model, chained.Input, request.MediaDurationHints, cancellationToken).ConfigureAwait(false);
        EstimateReport report = plan.Report;
        if (!report.Validation.Valid)
        {
            throw new JobRejectedException($"The input is not valid for {model.Id}: {string.Join(" ", report.Validation.Errors.Select(e => e.Message))}", report.Validation.Errors);
        }

        PriceEstimate estimate = report.Estimate!;
        decimal? hold = estimate.HoldUsd;
        BudgetCaps caps = OwnerLimits.For(context.Options, request.Owner, context.Time.GetUtcNow());
        // No job runs on a price nobody has seen: without the rule's price, the provider's live quote, else the caller's max cost (the most they accept).
        decimal? quote = hold is null ? await context.Provider.TryQuoteAsync(model.Id, report.Validation.NormalizedInput, context.Logger, cancellationToken).ConfigureAwait(false) : null;
        hold ??= quote ?? request.MaxCostUsd ?? throw new JobRejectedException(
            $"The price of this {model.Id} request is unknown ({estimate.UnknownReason}) and no live quote was available. Set a max cost (maxCostUsd, --max-cost): the most you accept to be billed; it is held while the job runs.",
            [new ValidationIssue("/maxCostUsd", ErrorCodes.PriceUnknown, "The price is unknown and no live quote was available: set the most you accept to be billed.")]);
        if (request.MaxCostUsd is decimal max && hold > max)
        {
            context.Metrics.BudgetRefused("max-cost");
            throw new BudgetExceededException(MaxCostRefusal.Explain(estimate, quote, hold.Value, max));
        }

        if (request.Webhook is string webhook)
        {
            await webhooks.PrepareJobWebhookAsync(request.Owner, webhook, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset now = context.Time.GetUtcNow();
        var job = new JobRecord
        {
            Id = "job_" + Guid.CreateVersion7(now).ToString("N"),
            Owner = request.Owner,
            ModelId = model.Id,
            PluginVersion = model.PluginVersion,
            Input = Redaction.Input(report.Validation.NormalizedInput),
            MediaSeconds = new Dictionary<string, double>(plan.MediaSeconds, StringComparer.Ordinal),
            IdempotencyKey = request.IdempotencyKey,
            EstimateUsd = estimate.TotalUsd ?? quote,
            EstimateSource = model.Pricing.Free is not null ? CostSources.Free : estimate.TotalUsd is not null ? "pricing-rule" : quote is not null ? "live-quote" : null,
            HoldUsd = hold,
            Parents = chained.Parents,
            State = JobState.Queued,
            Provider = context.ProviderName,
            RunBy = model.Provider,
            OutputPath = outputPath is null ? null : Path.GetFullPath(outputPath),
            Webhook = request.Webhook is null ? null : Redaction.Url(request.Webhook),
            WebhookTarget = request.Webhook,
            CreatedAt = now,
            UpdatedAt = now,
            Transitions = [new StateTransition(JobState.Queued, now)],
        };
        JobCreation creation;
        JobPlan jobPlan = JobPlan.For(job, model, context.Options);
        executor.Expect(job.Id, jobPlan, plan.Input);
        try
        {
            creation = await context.Store.CreateAsync(job, executor.Terms, caps with { Now = now }, cancellationToken).ConfigureAwait(false);
        }
        catch (BudgetExceededException)
        {
            executor.Forget(job.Id);
            context.Metrics.BudgetRefused("spend-cap");
            throw;
        }
        catch
        {
            executor.Forget(job.Id);
            throw;
        }

        if (creation.Lease is JobLease lease)
        {
            context.Metrics.JobEntered(model.Id, JobState.Queued);
            context.Metrics.Held(model.Id, hold ?? 0m);
            context.Events.Publish(new JobEvent(creation.Job.Id, JobEventKind.Queued, JobState.Queued, now, model.Id));
            executor.Hold(creation.Job, lease, jobPlan, plan.Input);
        }
        else
        {
            executor.Forget(job.Id);
        }

        return creation.Job;
    }
}
