using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>Makes the store <see cref="JobOptions.Store"/> names: SQLite in the data directory, or PostgreSQL at <see cref="JobOptions.ConnectionString"/>.</summary>
internal static class JobStoreFactory
{
    public static IJobStore Create(IServiceProvider services)
    {
        JobOptions options = services.GetRequiredService<IOptions<JobOptions>>().Value;
        TimeProvider time = services.GetRequiredService<TimeProvider>();
        return options.Store == "postgres"
            ? SqlJobStore.Postgres(options.ConnectionString!, time)
            : SqlJobStore.Sqlite(Path.Combine(options.DataDirectory, "videostudio.db"), time);
    }

    /// <summary>The outgoing-webhook half of the configured store (same database, so events share the job writes' transactions).</summary>
    public static Webhooks.IWebhookStore Webhooks(IServiceProvider services) => services.GetRequiredService<IJobStore>() switch
    {
        SqlJobStore sql => sql.Webhooks,
        IJobStore other => throw new InvalidOperationException($"The job store {other.GetType().Name} keeps no webhook outbox; register an IWebhookStore over the same database."),
    };
}
