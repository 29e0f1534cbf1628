using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>Builds the server's problem responses (<c>application/problem+json</c>). Details never carry secrets.</summary>
public static class ProblemResults
{
    /// <summary>The problem media type.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>The prefix of every problem's <c>type</c>; the rest is its <see cref="ErrorCodes"/> code.</summary>
    public const string TypePrefix = "urn:videostudio:problem:";

    /// <summary>A problem of the kind <paramref name="code"/> (an <see cref="ErrorCodes"/> value) and optional field errors.</summary>
    public static IResult Problem(int status, string code, string title, string detail, IReadOnlyList<ApiViews.IssueView>? errors = null, IReadOnlyList<string>? suggestions = null) =>
        TypedResults.Json(new ApiProblem(TypePrefix + code, title, status, detail, errors, suggestions), Json.Options, ContentType, status);

    /// <summary>422: the input is invalid; every reason is in <c>errors</c>.</summary>
    public static IResult Invalid(string detail, IEnumerable<ValidationIssue> issues) =>
        Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.InvalidInput, "The input is invalid", detail, issues.Select(ApiViews.Issue).ToArray());

    /// <summary>404 for a job the caller cannot see (another owner's job looks exactly like a missing one).</summary>
    public static IResult JobNotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound, "No such job", $"You have no job '{id}'. List your jobs with GET /v1/jobs.");

    /// <summary>400 for a malformed request the binder accepted but the server cannot use; <paramref name="code"/> is an <see cref="ErrorCodes"/> value.</summary>
    public static IResult BadRequest(string detail, string path, string code) =>
        Problem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "The request is malformed", detail, [new ApiViews.IssueView(path, code, detail)]);
}
