namespace VideoStudio.IntegrationTests.Embedding;

/// <summary>The README's embedding section is the console sample CI runs from the packages, verbatim.</summary>
public sealed class EmbeddingDocsTests
{
    [Fact]
    public void ReadmeEmbeddingSection_IsTheConsoleSampleVerbatim()
    {
        string repo = RepoRoot();
        string readme = File.ReadAllText(Path.Combine(repo, "README.md")).ReplaceLineEndings("\n");
        string sample = File.ReadAllText(Path.Combine(repo, "samples", "Console", "Program.cs")).ReplaceLineEndings("\n");

        string section = readme[readme.IndexOf("## Embedding\n", StringComparison.Ordinal)..];

        section.ShouldContain("```csharp\n" + sample + "```\n");
    }

    private static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "VideoStudio.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new DirectoryNotFoundException("VideoStudio.sln not found above the test output.");
    }
}
