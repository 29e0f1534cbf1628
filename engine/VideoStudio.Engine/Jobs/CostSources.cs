namespace VideoStudio.Engine.Jobs;

/// <summary>Where a job's estimate or cost comes from, as <see cref="JobView.EstimateSource"/> and <see cref="JobView.CostSource"/> say it.</summary>
public static class CostSources
{
    /// <summary>
    /// The model's pricing rule is free (local work): nothing is billed, so no provider's billing record is asked
    /// for and the job's $0 is exact, not an estimate.
    /// </summary>
    public const string Free = "free";

    /// <summary>The provider's billing record of the job.</summary>
    public const string ProviderBilling = "provider-billing";
}
