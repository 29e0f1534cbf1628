using System.Security.Cryptography;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>A chunk is hashed while it is written; it counts only when both are done, and a failed write starts over.</summary>
public sealed class DownloadTransferTests : IDisposable
{
    private const int Chunk = 256 * 1024;
    private readonly TempFiles files = new();
    private readonly string part;
    private readonly DownloadTransfer transfer;

    public DownloadTransferTests()
    {
        part = Path.Combine(files.Directory, "v.mp4.part");
        transfer = new DownloadTransfer(part);
    }

    [Fact]
    public async Task AppendAsync_ChunksInTurn_FileAndHashHoldEveryByte()
    {
        byte[] content = RandomNumberGenerator.GetBytes(700_000);

        await AppendInChunksAsync(content);

        transfer.Written.ShouldBe(content.Length);
        transfer.Sha256().ShouldBe(TempFiles.Sha256(content), StringCompareShould.IgnoreCase);
        TempFiles.Sha256(part).ShouldBe(TempFiles.Sha256(content));
    }

    [Fact]
    public async Task AppendAsync_WriteFails_StartsOverSoTheHashNeverRunsAheadOfTheFile()
    {
        byte[] first = RandomNumberGenerator.GetBytes(1000);
        await AppendInChunksAsync(first);

        await using (var readOnly = new FileStream(part, FileMode.Open, FileAccess.Read))
        {
            await Should.ThrowAsync<NotSupportedException>(() => transfer.AppendAsync(readOnly, first, TestContext.Current.CancellationToken));
        }

        transfer.Written.ShouldBe(0);
        transfer.Sha256().ShouldBe(TempFiles.Sha256([]), StringCompareShould.IgnoreCase);
    }

    public void Dispose()
    {
        transfer.Dispose();
        files.Dispose();
    }

    private async Task AppendInChunksAsync(byte[] content)
    {
        await using FileStream file = transfer.OpenForAppend();
        for (int at = 0; at < content.Length; at += Chunk)
        {
            await transfer.AppendAsync(file, content.AsMemory(at, Math.Min(Chunk, content.Length - at)), TestContext.Current.CancellationToken);
        }
    }
}
