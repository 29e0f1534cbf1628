using VideoStudio.Engine.Common;

namespace VideoStudio.Tests.Common;

public sealed class OwnerStorageNameTests
{
    [Theory]
    [InlineData("team.a", "team_a")]
    [InlineData("team.a", "team-a")]
    [InlineData("Alice", "alice")]
    [InlineData("caf\u00e9", "cafe\u0301")] // NFC vs NFD of the same word: two identities, two folders
    [InlineData("a/b", "a_b")]
    [InlineData("..", "_")]
    [InlineData("", " ")]
    public void For_IdsDifferingOnlyInPunctuationCaseOrNormalisation_AreDifferentNames(string one, string other)
    {
        OwnerStorageName.For(one).ShouldNotBe(OwnerStorageName.For(other));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("C:\\Windows")]
    [InlineData("team.a")]
    public void For_AnyId_IsOneSafePathSegment(string owner)
    {
        string name = OwnerStorageName.For(owner);

        name.Length.ShouldBe(64);
        name.ShouldAllBe(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));
        OwnerStorageName.For(owner).ShouldBe(name);
    }
}
