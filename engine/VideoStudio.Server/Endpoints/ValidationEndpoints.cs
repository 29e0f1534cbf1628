using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Pricing;
using VideoStudio.Server.Api;
using VideoStudio.Server.Http;

namespace VideoStudio.Server.Endpoints;

/// <summary><c>POST /v1/validate</c>, <c>/v1/estimate</c>, <c>/v1/compare</c>: the same JSON as the CLI's --json.</summary>
public static class ValidationEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static void MapValidation(this RouteGroupBuilder v1)
    {
        v1.MapPost("/validate", ValidateAsync)
            .Describe("Validate", "Validate an input", "Schema, media limits on the real files and the plugin's rules. 200 whether valid or not; `valid` says which.")
            .Produces<ApiViews.ValidationView>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        v1.MapPost("/estimate", EstimateAsync)
            .Describe("Estimate", "Validate and price an input", "Decimal USD with line items and provenance; 422 with field errors when the input is invalid.")
            .Produces<ApiViews.EstimateView>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        v1.MapPost("/quote", QuoteAsync)
            .Describe("Quote", "What a job would cost and hold", "The pricing rule's price, and the provider's live quote where the rule's price is unknown or not "
                + "confirmed: the estimate and the hold POST /v1/jobs would record. `needsMaxCost` is true when neither exists, and a job then runs only with `maxCostUsd`.")
            .Produces<QuoteView>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        v1.MapPost("/compare", CompareAsync)
            .Describe("Compare", "Price one input across models", "Validates and prices the same input for each model, in the order given; unknown models are reported per entry.")
            .Produces<ApiViews.ComparisonView>()
            .ProducesApiProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ValidateAsync(ValidateRequest body, HttpContext http, IVideoStudio studio, IVideoJobs jobs, MediaPathGuard guard, CancellationToken cancellationToken)
    {
        MediaPathGuard.Resolution media = await guard.ResolveAsync(http.Owner(), [body.Model], body.Input, cancellationToken).ConfigureAwait(false);
        JobMediaResolution chained = media.Issues.Count > 0 ? new(body.Input, [], media.Issues)
            : await jobs.ResolveJobMediaAsync(http.Owner(), [body.Model], media.Input, cancellationToken).ConfigureAwait(false);
        if (chained.Issues.Count > 0)
        {
            // Answered without touching the files, so a refused path reveals nothing about what exists on the server.
            return ApiResults.Ok(new ApiViews.ValidationView(false, chained.Issues.Select(ApiViews.Issue).ToArray(), [], (JsonObject)UrlRedactor.RedactJson(body.Input)!));
        }

        ApiViews.ValidationView view = ApiViews.Validation(await studio.ValidateAsync(body.Model, chained.Input, cancellationToken).ConfigureAwait(false));
        MediaPathGuard.Unresolve(view.NormalizedInput, body.Input);
        return ApiResults.Ok(view);
    }

    private static async Task<IResult> EstimateAsync(EstimateRequest body, HttpContext http, IVideoStudio studio, IVideoJobs jobs, MediaPathGuard guard, CancellationToken cancellationToken)
    {
        MediaPathGuard.Resolution media = await guard.ResolveAsync(http.Owner(), [body.Model], body.Input, cancellationToken).ConfigureAwait(false);
        if (media.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A media input is not allowed.", media.Issues);
        }

        JobMediaResolution chained = await jobs.ResolveJobMediaAsync(http.Owner(), [body.Model], media.Input, cancellationToken).ConfigureAwait(false);
        if (chained.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A job output named as media cannot be used.", chained.Issues);
        }

        EstimateReport report = await studio.EstimateAsync(body.Model, chained.Input, body.MediaDurations, cancellationToken).ConfigureAwait(false);
        return report.Estimate is PriceEstimate estimate
            ? ApiResults.Ok(ApiViews.Estimate(estimate, report.Validation.Warnings))
            : ProblemResults.Invalid($"The input is not valid for {body.Model}: {report.Validation.Errors.Count} error(s).", report.Validation.Errors);
    }

    private static async Task<IResult> QuoteAsync(EstimateRequest body, HttpContext http, IVideoStudio studio, IVideoJobs jobs, MediaPathGuard guard, CancellationToken cancellationToken)
    {
        MediaPathGuard.Resolution media = await guard.ResolveAsync(http.Owner(), [body.Model], body.Input, cancellationToken).ConfigureAwait(false);
        JobMediaResolution chained = media.Issues.Count > 0 ? new(body.Input, [], media.Issues)
            : await jobs.ResolveJobMediaAsync(http.Owner(), [body.Model], media.Input, cancellationToken).ConfigureAwait(false);
        if (chained.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A media input cannot be used.", chained.Issues);
        }

        PriceQuote quote = await studio.QuoteAsync(body.Model, chained.Input, body.MediaDurations, cancellationToken).ConfigureAwait(false);
        return quote.Report.Estimate is PriceEstimate estimate
            ? ApiResults.Ok(new QuoteView(estimate.ModelId, quote.RuleUsd, quote.LiveQuoteUsd, quote.EstimateUsd, quote.HoldUsd, quote.Source, estimate.UnknownReason, quote.NeedsMaxCost))
            : ProblemResults.Invalid($"The input is not valid for {body.Model}: {quote.Report.Validation.Errors.Count} error(s).", quote.Report.Validation.Errors);
    }

    private static async Task<IResult> CompareAsync(CompareRequest body, HttpContext http, IVideoStudio studio, IVideoJobs jobs, MediaPathGuard guard, CancellationToken cancellationToken)
    {
        MediaPathGuard.Resolution media = await guard.ResolveAsync(http.Owner(), body.Models, body.Input, cancellationToken).ConfigureAwait(false);
        if (media.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A media input is not allowed.", media.Issues);
        }

        JobMediaResolution chained = await jobs.ResolveJobMediaAsync(http.Owner(), body.Models, media.Input, cancellationToken).ConfigureAwait(false);
        if (chained.Issues.Count > 0)
        {
            return ProblemResults.Invalid("A job output named as media cannot be used.", chained.Issues);
        }

        return ApiResults.Ok(ApiViews.Comparison(await studio.CompareAsync(body.Models, chained.Input, body.MediaDurations, cancellationToken).ConfigureAwait(false)));
    }
}
