using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace VideoStudio.Engine.Jobs;

/// <summary>
/// The account's limits, enforced client-side so excess jobs queue here instead of failing at the provider:
/// tasks in flight (a lease held from submission until the task is terminal), submissions per minute, and paid
/// POSTs awaiting their answer.
/// </summary>
public sealed class SubmissionGate : IDisposable
{
    private readonly ConcurrencyLimiter inFlight;
    private readonly SlidingWindowRateLimiter perMinute;
    private readonly SemaphoreSlim posting;

    /// <summary>Creates the gate from <see cref="JobOptions"/>.</summary>
    public SubmissionGate(IOptions<JobOptions> options)
    {
        JobOptions o = options.Value;
        posting = new SemaphoreSlim(Math.Max(1, o.MaxConcurrentSubmits));
        inFlight = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = o.MaxConcurrentJobs, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        perMinute = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, o.SubmitsPerMinute), Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6,
            QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
        });
    }

    /// <summary>Waits for an in-flight slot and a submission permit. Dispose the lease when the task is terminal.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        RateLimitLease slot = await inFlight.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        try
        {
            using RateLimitLease permit = await perMinute.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return slot;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Waits for one of the POST slots; dispose it as soon as the POST has its answer.</summary>
    public async Task<IDisposable> PostAsync(CancellationToken cancellationToken)
    {
        await posting.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(posting);
    }

    /// <summary>Takes a slot for a job already at the provider (resume), without waiting; may briefly exceed the limit.</summary>
    public IDisposable Resume() => inFlight.AttemptAcquire(1) is { IsAcquired: true } lease ? lease : NoLease.Instance;

    /// <inheritdoc />
    public void Dispose()
    {
        inFlight.Dispose();
        perMinute.Dispose();
        posting.Dispose();
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
