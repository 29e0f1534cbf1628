using System.Reflection;
using System.Text.RegularExpressions;
using VideoStudio.Contracts;

namespace VideoStudio.Tests.Contracts;

/// <summary>
/// One vocabulary on the wire: every code the engine, the server and the CLI send is an <see cref="ErrorCodes"/>
/// constant in snake_case, given through the constant (never a literal); the console compares codes only through
/// its codes module, with codes the server sends; the HTTP docs list every code.
/// </summary>
public sealed partial class ErrorCodesTests
{
    private static readonly (string Name, string Value)[] Codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (f.Name, (string)f.GetRawConstantValue()!)).ToArray();

    // A literal shaped like a code: a lowercase word, or words joined by _ or - (an interpolation such as {c} counts);
    // not a JSON key read with an indexer (task["code"]).
    private const string Literal = @"(?<!\[\s*)\$?""(?<code>[a-z][a-z0-9]*(?:[_-](?:[a-z0-9]+|\{\w+\}))*)""";

    // Where a code is given: a job error, an issue or problem (path/status, code, …), a tuple (path, code, message),
    // BadRequest(detail, path, code), a provider error kind mapped to a code, a variable named code.
    private static readonly Regex[] CodeSites =
    [
        new(@"new\s+JobError\(\s*" + Literal),
        new(@"(?:\b(?:ValidationIssue|IssueView|Problem|Issue|Warn|FailAsync)|\bnew|\breturn|[?:])\s*\(\s*(?:""[^""]*""|[^,()""]+?(?:\([^()]*\))?)\s*,\s*" + Literal + @"\s*,"),
        new(@"\bBadRequest\([^;]*?,\s*" + Literal + @"\s*\)"),
        new(@"\bProviderErrorKind\.\w+\s*=>\s*" + Literal),
        new(@"\bcode\s*=\s*[^;]*?" + Literal),
    ];

    private static readonly string[] Senders = ["engine/VideoStudio.Engine", "engine/VideoStudio.Server", "engine/VideoStudio.Cli"];

    [Fact]
    public void ErrorCodes_EveryCode_IsSnakeCaseAndSpellsItsName()
    {
        Codes.Length.ShouldBeGreaterThan(60);
        foreach ((string name, string value) in Codes)
        {
            value.ShouldMatch("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", $"{name} is not snake_case");
            value.ShouldBe(SnakeCase().Replace(name, "_$1").ToLowerInvariant(), $"{name} should spell its value");
        }
    }

    [Fact]
    public void ErrorCodes_Values_AreUnique()
    {
        Codes.GroupBy(c => c.Value).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Senders_EngineServerAndCli_GiveEveryCodeThroughErrorCodes()
    {
        var literals = new List<string>();
        foreach (string file in Senders.SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoRoot, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            // Comments out, whitespace folded: a call spread over lines reads as one.
            string code = Whitespace().Replace(string.Join(' ', File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))), " ");
            literals.AddRange(CodeSites.SelectMany(site => site.Matches(code)).Select(m => $"{Path.GetRelativePath(RepoRoot, file)}: \"{m.Groups["code"].Value}\""));
        }

        literals.ShouldBeEmpty("codes given as literals; use (or add) an ErrorCodes constant");
    }

    [Fact]
    public void Console_ComparesCodesOnlyThroughItsCodesModule_WithCodesTheServerSends()
    {
        string web = Path.Combine(RepoRoot, "engine/VideoStudio.Server/wwwroot");
        string module = File.ReadAllText(Path.Combine(web, "codes.js"));
        string[] used = [.. ConsoleCode().Matches(module).Select(m => m.Groups[1].Value)];

        used.ShouldNotBeEmpty();
        used.ShouldBeSubsetOf(Codes.Select(c => c.Value));
        foreach (string file in Directory.EnumerateFiles(web, "*.js").Where(f => Path.GetFileName(f) != "codes.js"))
        {
            CodeComparedWithLiteral().Matches(File.ReadAllText(file)).Select(m => m.Value).ShouldBeEmpty($"{Path.GetFileName(file)} compares a code with a literal; use codes.js");
        }
    }

    [Fact]
    public void Docs_HttpApi_ListsEveryCode()
    {
        string docs = File.ReadAllText(Path.Combine(RepoRoot, "docs/http-api.md"));

        Codes.Where(c => !docs.Contains($"`{c.Value}`", StringComparison.Ordinal)).Select(c => c.Value).ShouldBeEmpty("codes docs/http-api.md does not list");
    }

    private static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "VideoStudio.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("VideoStudio.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\s*\w+:\s*'([^']+)',?\s*$", RegexOptions.Multiline)]
    private static partial Regex ConsoleCode();

    [GeneratedRegex(@"\bcode\s*[!=]==?\s*['""`]|['""`]\s*[!=]==?\s*\w+\.code\b")]
    private static partial Regex CodeComparedWithLiteral();
}
