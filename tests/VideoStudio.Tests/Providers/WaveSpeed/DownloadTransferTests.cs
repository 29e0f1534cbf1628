using System.Security.Cryptography;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>A chunk is hashed while it is written; it counts only when both are done, and a failed write starts over.</summary>
public sealed class DownloadTransferTests
{
    [Fact]
    public async Task AppendAsync_ChunksInTurn_FileAndHashHoldEveryByte()
    {
        using var files = new TempFiles();
        string part = Path.Combine(files.Directory, "v.mp4.part");
        byte[] content = RandomNumberGenerator.GetBytes(700_000);
        using var transfer = new DownloadTransfer(part);

        await using (FileStream file = transfer.OpenForAppend())
        {
            for (int at = 0; at < content.Length; at += 256 * 1024)
            {
                await transfer.AppendAsync(file, content.AsMemory(at, Math.Min(256 * 1024, content.Length - at)), TestContext.Current.CancellationToken);
            }
        }

        transfer.Written.ShouldBe(content.Length);
        transfer.Sha256().ShouldBe(TempFiles.Sha256(content), StringCompareShould.IgnoreCase);
        TempFiles.Sha256(part).ShouldBe(TempFiles.Sha256(content));
    }

    [Fact]
    public async Task AppendAsync_WriteFails_StartsOverSoTheHashNeverRunsAheadOfTheFile()
    {
        using var files = new TempFiles();
        string part = Path.Combine(files.Directory, "v.mp4.part");
        byte[] first = RandomNumberGenerator.GetBytes(1000);
        using var transfer = new DownloadTransfer(part);
        await using (FileStream file = transfer.OpenForAppend())
        {
            await transfer.AppendAsync(file, first, TestContext.Current.CancellationToken);
        }

        await using (var readOnly = new FileStream(part, FileMode.Open, FileAccess.Read))
        {
            await Should.ThrowAsync<NotSupportedException>(() => transfer.AppendAsync(readOnly, first, TestContext.Current.CancellationToken));
        }

        transfer.Written.ShouldBe(0);
        transfer.Sha256().ShouldBe(TempFiles.Sha256([]), StringCompareShould.IgnoreCase);
    }
}
