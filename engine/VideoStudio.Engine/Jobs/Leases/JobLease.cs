namespace VideoStudio.Engine.Jobs.Leases;

/// <summary>
/// A worker's right to act on one job until <see cref="ExpiresAt"/>. <see cref="Token"/> is the fencing token: it
/// grows by one at every claim of the job, and every write carries it, so a worker whose lease was taken over is
/// refused by the store even if it has not noticed yet.
/// </summary>
/// <param name="JobId">The job.</param>
/// <param name="Worker">The worker holding it (<see cref="JobWorker.Id"/>).</param>
/// <param name="Token">The fencing token of this claim.</param>
/// <param name="ExpiresAt">When the lease lapses unless renewed.</param>
internal sealed record JobLease(string JobId, string Worker, long Token, DateTimeOffset ExpiresAt);

/// <summary>Who asks for leases and for how long.</summary>
/// <param name="Worker">The worker id.</param>
/// <param name="Duration">How long a claim or renewal lasts.</param>
internal sealed record LeaseTerms(string Worker, TimeSpan Duration);

/// <summary>What to claim.</summary>
/// <param name="Terms">The claiming worker and lease length.</param>
/// <param name="Limit">At most this many jobs.</param>
/// <param name="JobId">Only this job (then a job needing a decision may be claimed too); null for any.</param>
/// <param name="Provider">Only jobs sent to this provider endpoint; null for any.</param>
internal sealed record ClaimRequest(LeaseTerms Terms, int Limit, string? JobId = null, string? Provider = null);
