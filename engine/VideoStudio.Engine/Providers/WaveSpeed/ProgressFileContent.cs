using System.Buffers;
using System.Net;

namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>
/// Streams a file as a request body in chunks, reporting bytes sent; the file is never held in memory. The file is
/// opened per serialisation so the content can be sent again.
/// </summary>
internal sealed class ProgressFileContent(string path, IProgress<long>? progress) : HttpContent
{
    private const int ChunkSize = 81920;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, useAsync: true);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sent += read;
                progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = new FileInfo(path).Length;
        return true;
    }
}
