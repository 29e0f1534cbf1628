using VideoStudio.Server.Api;
using Microsoft.Extensions.Options;
using VideoStudio.Engine.Jobs;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

public sealed class UploadStoreTests
{
    [Theory]
    [InlineData("team.a", "team_a")]
    [InlineData("Team", "team")]
    [InlineData("caf\u00e9", "cafe\u0301")]
    public void IsOwnedBy_OwnersDifferingOnlyInPunctuationCaseOrNormalisation_CannotUseEachOthersUploads(string one, string other)
    {
        var store = new UploadStore(Options.Create(new JobOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "vs-uploads-" + Guid.NewGuid().ToString("N")) }));
        string file = Path.Combine(store.DirectoryFor(one), "clip.mp4");

        store.DirectoryFor(one).ShouldNotBe(store.DirectoryFor(other));
        store.IsOwnedBy(one, file).ShouldBeTrue();
        store.IsOwnedBy(other, file).ShouldBeFalse();
    }

    [Fact]
    public async Task Resolve_UploadKeptByOneHost_FoundByAnotherSharingTheOutputDirectoryButNotByAnotherOwner()
    {
        string root = Path.Combine(Path.GetTempPath(), "vs-uploads-" + Guid.NewGuid().ToString("N"));
        string shared = Path.Combine(root, "shared-outputs");
        var host1 = new UploadStore(Options.Create(new JobOptions { DataDirectory = Path.Combine(root, "host1"), OutputDirectory = shared }));
        var host2 = new UploadStore(Options.Create(new JobOptions { DataDirectory = Path.Combine(root, "host2"), OutputDirectory = shared }));
        Directory.CreateDirectory(host1.DirectoryFor("alice"));
        string partial = Path.Combine(host1.DirectoryFor("alice"), "x.partial");
        await File.WriteAllBytesAsync(partial, [1, 2, 3], TestContext.Current.CancellationToken);
        string id = UploadStore.NewId();

        UploadResult kept = await host1.KeepAsync("alice", id, partial, ".mp4", new UploadResult(UploadStore.Prefix + id, "clip.mp4", "video", "video/mp4", 3, 1, 2, 2), TestContext.Current.CancellationToken);

        host2.Resolve("alice", kept.Id).ShouldBe(Path.Combine(shared, "uploads", VideoStudio.Engine.Common.OwnerStorageName.For("alice"), id + ".mp4"));
        host2.Resolve("bob", kept.Id).ShouldBeNull();
        host2.Resolve("alice", "upload:../../etc/passwd").ShouldBeNull();
        Directory.Delete(root, recursive: true);
    }
}
