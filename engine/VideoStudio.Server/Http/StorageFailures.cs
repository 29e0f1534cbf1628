using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>
/// A full disk is the server's condition, not a bug and not the caller's fault: 507 Insufficient Storage with a
/// problem that says so (retry later), instead of a 500. What counts as full is <see cref="VideoStudio.Engine.Common.StorageFailure"/>.
/// </summary>
public static class StorageFailures
{
    /// <summary>The 507 problem.</summary>
    public static IResult Problem(string what) =>
        ProblemResults.Problem(StatusCodes.Status507InsufficientStorage, ErrorCodes.StorageFull, "The server is out of storage",
            $"The server has no room left to store {what}; nothing was charged. Try again later (the operator must free space).",
            [new ApiViews.IssueView("$", ErrorCodes.StorageFull, "The server's disk is full.")]);
}
