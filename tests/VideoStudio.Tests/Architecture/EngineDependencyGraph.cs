using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VideoStudio.Tests.Architecture;

/// <summary>
/// Which folder of the engine uses which, read from the engine's own sources with Roslyn's semantic model (every
/// name that binds to a type of another folder counts, in signatures and bodies alike). A folder is the namespace
/// segment after <c>VideoStudio.Engine</c>, so <c>Catalog.Import</c> belongs to <c>Catalog</c>; the job core's
/// subfolders are nodes of their own (<c>Jobs.Execution</c>, <c>Jobs.Steps</c>, <c>Jobs.Store</c>, … beside the
/// <c>Jobs</c> root), and <c>Providers.WaveSpeed</c> is kept apart from <c>Providers</c> because the seam is the point.
/// </summary>
public sealed class EngineDependencyGraph
{
    private const string Root = "VideoStudio.Engine";

    private EngineDependencyGraph(IReadOnlyDictionary<(string From, string To), IReadOnlySet<string>> edges) => Edges = edges;

    /// <summary>Each dependency with the files (and names) that make it.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlySet<string>> Edges { get; }

    /// <summary>The engine's graph, built once per test run (the compilation takes a few seconds).</summary>
    public static EngineDependencyGraph Engine { get; } = Build(Path.Combine(RepoRoot(), "engine", Root));

    /// <summary>The same graph with <paramref name="folder"/>'s subfolders folded into it (their edges among themselves dropped).</summary>
    public EngineDependencyGraph Folded(string folder)
    {
        string Fold(string f) => f.StartsWith(folder + ".", StringComparison.Ordinal) ? folder : f;
        var edges = new Dictionary<(string From, string To), IReadOnlySet<string>>();
        foreach (var ((from, to), why) in Edges)
        {
            (string From, string To) key = (Fold(from), Fold(to));
            if (key.From != key.To)
            {
                edges[key] = edges.TryGetValue(key, out IReadOnlySet<string>? seen) ? seen.Union(why).ToHashSet() : why;
            }
        }

        return new EngineDependencyGraph(edges);
    }

    /// <summary>The same graph with only the edges between folders <paramref name="keep"/> accepts (a layer's own nodes).</summary>
    public EngineDependencyGraph Within(Func<string, bool> keep) =>
        new(Edges.Where(e => keep(e.Key.From) && keep(e.Key.To)).ToDictionary(e => e.Key, e => e.Value));

    /// <summary>The same graph with one more dependency (to prove a check finds what it looks for).</summary>
    public EngineDependencyGraph With(string from, string to, string why) =>
        new(new Dictionary<(string From, string To), IReadOnlySet<string>>(Edges) { [(from, to)] = new HashSet<string> { why } });

    /// <summary>Every folder that uses or is used by another.</summary>
    public IReadOnlySet<string> Folders => Edges.Keys.SelectMany(e => new[] { e.From, e.To }).ToHashSet();

    /// <summary>Whether <paramref name="from"/> uses anything of <paramref name="to"/>.</summary>
    public bool Uses(string from, string to) => Edges.ContainsKey((from, to));

    /// <summary>Pairs of folders that use each other, each pair once with the files on both sides.</summary>
    public IReadOnlyList<string> TwoWayPairs() =>
        Edges.Keys.Where(e => string.CompareOrdinal(e.From, e.To) < 0 && Edges.ContainsKey((e.To, e.From)))
            .Select(e => $"{e.From} <-> {e.To}: {Why(e.From, e.To)} | {Why(e.To, e.From)}")
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>One cycle of folders (a → b → … → a), or empty when the folders form layers.</summary>
    public IReadOnlyList<string> FindCycle()
    {
        var next = Edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Order(StringComparer.Ordinal).ToArray());
        var state = new Dictionary<string, int>(); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? found = null;

        void Visit(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (string to in next.GetValueOrDefault(folder, []))
            {
                if (found is not null)
                {
                    return;
                }

                if (state.GetValueOrDefault(to) == 1)
                {
                    found = [.. path.Skip(path.IndexOf(to)), to];
                    return;
                }

                if (state.GetValueOrDefault(to) == 0)
                {
                    Visit(to);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
        }

        foreach (string folder in next.Keys.Order(StringComparer.Ordinal))
        {
            if (found is null && state.GetValueOrDefault(folder) == 0)
            {
                Visit(folder);
            }
        }

        return found ?? [];
    }

    /// <summary>The folders from the bottom layer up: each uses only folders listed before it.</summary>
    public IReadOnlyList<string> Layers()
    {
        var folders = Edges.Keys.SelectMany(e => new[] { e.From, e.To }).ToHashSet();
        var placed = new List<string>();
        while (placed.Count < folders.Count)
        {
            string[] ready = [.. folders.Except(placed).Where(f => Edges.Keys.Where(e => e.From == f).All(e => placed.Contains(e.To))).Order(StringComparer.Ordinal)];
            if (ready.Length == 0)
            {
                break;
            }

            placed.AddRange(ready);
        }

        return placed;
    }

    /// <summary>The dependency with the first few places that make it, for a failure message.</summary>
    public string Why(string from, string to) => $"{from} -> {to} ({string.Join(", ", Edges[(from, to)].Order(StringComparer.Ordinal).Take(4))})";

    private static EngineDependencyGraph Build(string sourceRoot)
    {
        SyntaxTree[] trees = Directory.EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .ToArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith(Root, StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("EngineGraph", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var edges = new ConcurrentDictionary<(string, string), ConcurrentDictionary<string, byte>>();
        Parallel.ForEach(trees, tree =>
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            SyntaxNode root = tree.GetRoot();
            string? from = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Select(n => Folder(n.Name.ToString())).FirstOrDefault();
            if (from is null)
            {
                return;
            }

            foreach (SimpleNameSyntax name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType is not null)
                {
                    type = type.ContainingType;
                }

                if (type is null || Folder(type.ContainingNamespace.ToDisplayString()) is not { } to || to == from)
                {
                    continue;
                }

                edges.GetOrAdd((from, to), _ => new())[$"{Path.GetFileName(tree.FilePath)}:{type.Name}"] = 0;
            }
        });
        return new EngineDependencyGraph(edges.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value.Keys.ToHashSet()));
    }

    // VideoStudio.Engine.Jobs.Leases -> Jobs.Leases; VideoStudio.Engine.Providers.WaveSpeed -> Providers.WaveSpeed;
    // VideoStudio.Engine.Catalog.Import -> Catalog.
    private static string? Folder(string ns)
    {
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = ns[(Root.Length + 1)..].Split('.');
        return parts[0] is "Providers" or "Jobs" && parts.Length > 1 ? parts[0] + "." + parts[1] : parts[0];
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoStudio.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VideoStudio.sln not found above " + AppContext.BaseDirectory);
    }
}
