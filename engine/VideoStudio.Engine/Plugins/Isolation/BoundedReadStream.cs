namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// The host's end of a worker's answers: counts the bytes read since <see cref="Reset"/> and fails the stream once they
/// pass the limit, so an answer of any size costs the host at most the limit (plus one read buffer).
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit) : Stream
{
    private long read;

    /// <summary>Whether the limit was passed (the stream has failed for good).</summary>
    public bool Exceeded { get; private set; }

    /// <summary>Starts counting again: called before each call, whose answer alone must fit.</summary>
    public void Reset() => Interlocked.Exchange(ref read, 0);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int bytes)
    {
        if (Exceeded || Interlocked.Add(ref read, bytes) > limit)
        {
            Exceeded = true;
            throw new IOException($"the worker's answer passed {limit} bytes (VideoStudio:PluginLimits:MaxAnswerBytes)");
        }

        return bytes;
    }
}
