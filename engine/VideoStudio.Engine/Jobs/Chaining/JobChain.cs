using VideoStudio.Contracts;

namespace VideoStudio.Engine.Jobs.Chaining;

/// <summary>A job and every job whose output fed it, directly or through others, oldest first, with the chain's cost.</summary>
/// <param name="JobId">The job asked about (the chain's last step).</param>
/// <param name="Jobs">The jobs of the chain, oldest first.</param>
/// <param name="TotalUsd">Sum of every job's cost; null when any job's cost is unknown (never counted as $0).</param>
/// <param name="KnownUsd">Sum of the costs that are known.</param>
/// <param name="UnknownCostJobs">Jobs whose cost is unknown.</param>
public sealed record JobChain(string JobId, IReadOnlyList<ChainedJob> Jobs, decimal? TotalUsd, decimal KnownUsd, int UnknownCostJobs);

/// <summary>One job of a chain.</summary>
/// <param name="Id">Job id.</param>
/// <param name="ModelId">Its model.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Parents">The jobs whose outputs it took, by field.</param>
/// <param name="EstimatedUsd">Our estimate.</param>
/// <param name="ChargedUsd">What the provider charged, once known.</param>
/// <param name="CostUsd">Its cost as it stands: the charge, else the settled cost, else the estimate.</param>
/// <param name="CostSource">Where <paramref name="CostUsd"/> comes from (<c>provider-billing</c>, <c>estimated</c>, <c>estimate (not finished)</c>, <c>unknown</c>).</param>
public sealed record ChainedJob(string Id, string ModelId, JobState State, IReadOnlyList<JobLink> Parents, decimal? EstimatedUsd, decimal? ChargedUsd, decimal? CostUsd, string CostSource);
