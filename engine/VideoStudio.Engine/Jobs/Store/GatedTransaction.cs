using System.Data;
using System.Data.Common;

namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// A write transaction that holds this process's turn at the database file's single writer until it ends. SQLite
/// answers a second writer "busy", and Microsoft.Data.Sqlite retries that by sleeping the calling thread: with many
/// callers submitting at once those sleeping threads starve the thread pool, the writer that holds the lock waits for
/// a thread, and the others fail after the busy timeout ("database is locked"). Waiting here is asynchronous, so
/// callers of one process queue without holding threads (executor writes before intake creates, <see cref="WriterTurn"/>); other processes still meet SQLite's own busy handling.
/// </summary>
internal sealed class GatedTransaction(DbTransaction inner, WriterTurn turn) : DbTransaction
{
    private int released;

    /// <summary>The provider's own transaction, which commands are bound to.</summary>
    public DbTransaction Inner => inner;

    /// <inheritdoc />
    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    /// <inheritdoc />
    protected override DbConnection? DbConnection => inner.Connection;

    /// <inheritdoc />
    public override void Commit() => inner.Commit();

    /// <inheritdoc />
    public override Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

    /// <inheritdoc />
    public override void Rollback() => inner.Rollback();

    /// <inheritdoc />
    public override Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            Release();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        Release();
        await base.DisposeAsync().ConfigureAwait(false); // Dispose(true): the inner one is already disposed, the turn already given back

    }

    private void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            turn.Release();
        }
    }
}
