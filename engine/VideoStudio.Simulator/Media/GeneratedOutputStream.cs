namespace VideoStudio.Simulator.Media;

/// <summary>
/// A read-only, seekable stream of a given length whose bytes are a function of their position (a fixed
/// pseudo-random 64 KiB block, repeated), so an output of any size costs no memory or disk and a resumed range
/// continues exactly where the cut one ended. Served when <see cref="SimulatorOptions.OutputBytes"/> is set.
/// </summary>
internal sealed class GeneratedOutputStream(long length) : Stream
{
    private const int BlockSize = 64 * 1024;
    private static readonly byte[] Block = MakeBlock();
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int total = (int)Math.Min(buffer.Length, Math.Max(0, length - position));
        int done = 0;
        while (done < total)
        {
            int at = (int)(position % BlockSize);
            int n = Math.Min(total - done, BlockSize - at);
            Block.AsSpan(at, n).CopyTo(buffer[done..]);
            done += n;
            position += n;
        }

        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Fixed seed: every simulator serves the same bytes for the same length, so a client can check them anywhere.
    private static byte[] MakeBlock()
    {
        var block = new byte[BlockSize];
        new Random(13).NextBytes(block);
        return block;
    }
}
