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
}
