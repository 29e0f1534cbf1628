namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The webhook URL a job's submission registers with the provider: the configured public URL with the job's id in its
/// query (<c>?job=&lt;id&gt;</c>), so the task carries what identifies it as this job's wherever the provider lets a
/// caller attach data, and a delivery names the job it was registered for.
/// </summary>
public static class ProviderWebhookUrl
{
    /// <summary>The query parameter that carries the job's id.</summary>
    public const string JobParameter = "job";

    /// <summary><paramref name="publicUrl"/> with <c>job=&lt;<paramref name="jobId"/>&gt;</c> added to its query (any query it has is kept).</summary>
    public static Uri For(Uri publicUrl, string jobId)
    {
        var url = new UriBuilder(publicUrl);
        string query = url.Query.TrimStart('?');
        url.Query = (query.Length > 0 ? query + "&" : string.Empty) + JobParameter + "=" + Uri.EscapeDataString(jobId);
        return url.Uri;
    }

    /// <summary>The job id a webhook URL of <see cref="For"/> names; null when it names none.</summary>
    public static string? JobOf(Uri webhook)
    {
        foreach (string pair in webhook.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == JobParameter)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
