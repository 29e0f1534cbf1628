using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.Tests.Plugins.Corpus;

/// <summary>
/// Generates corrupted variants of a real plugin folder: every JSON file truncated, nested past the depth limit,
/// grown past the size limit or carrying huge values, and every node of the manifest (and of one schema and one
/// pricing file) replaced by a value of another type.
/// </summary>
public static class PluginCorpus
{
    /// <summary>Every case for a folder whose JSON files are <paramref name="jsonFiles"/> (relative paths).</summary>
    public static IEnumerable<CorruptionCase> For(IReadOnlyList<string> jsonFiles, string schemaFile, string pricingFile)
    {
        foreach (string file in jsonFiles)
        {
            foreach (double at in new[] { 0.0, 0.33, 0.5, 0.99 })
            {
                yield return new CorruptionCase($"truncate {file} at {at:P0}", dir => Truncate(Path.Combine(dir, file), at), true, file);
            }

            yield return new CorruptionCase($"nest 70 deep in {file}", dir => Nest(Path.Combine(dir, file), 70), true, file);
            yield return new CorruptionCase($"grow {file} to 57 MB", dir => Grow(Path.Combine(dir, file), 57L * 1024 * 1024), true, "limit");
            yield return new CorruptionCase($"binary garbage in {file}", dir => File.WriteAllBytes(Path.Combine(dir, file), [0xFF, 0xFE, 0x00, 0x7B, 0xC3]), true, file);
            yield return new CorruptionCase($"huge number in {file}", dir => AddRootValue(Path.Combine(dir, file), "1e400"), false, null);
            yield return new CorruptionCase($"half-MB string in {file}", dir => AddRootValue(Path.Combine(dir, file), "\"" + new string('x', 500_000) + "\""), false, null);
        }

        foreach (string file in new[] { "plugin.json", schemaFile, pricingFile })
        {
            // Each node is read from a pristine copy when the case is applied, so paths stay valid.
            foreach (string path in NodePaths(file))
            {
                yield return new CorruptionCase($"wrong type at {file}{path}", dir => Retype(Path.Combine(dir, file), path), false, null);
            }
        }
    }

    /// <summary>The folder the node paths of <see cref="For"/> are read from (set before enumerating).</summary>
    public static string Source { get; set; } = string.Empty;

    private static string[] NodePaths(string file)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(Path.Combine(Source, file)))!;
        return Walk(root, string.Empty).ToArray();
    }

    private static IEnumerable<string> Walk(JsonNode? node, string path)
    {
        if (path.Length > 0)
        {
            yield return path;
        }

        IEnumerable<(string Key, JsonNode? Child)> children = node switch
        {
            JsonObject o => o.Select(kv => (kv.Key, kv.Value)),
            JsonArray a => a.Select((c, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), c)),
            _ => [],
        };
        foreach ((string key, JsonNode? child) in children)
        {
            foreach (string inner in Walk(child, path + "/" + key))
            {
                yield return inner;
            }
        }
    }

    private static void Retype(string file, string path)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(file))!;
        string[] parts = path.TrimStart('/').Split('/');
        JsonNode parent = parts[..^1].Aggregate(root, (n, p) => n is JsonArray a ? a[int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)]! : n[p]!);
        JsonNode? current = parent is JsonArray pa ? pa[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] : parent[parts[^1]];
        JsonNode? replacement = current switch
        {
            JsonObject => new JsonArray(1, "x"),
            JsonArray => new JsonObject { ["x"] = 1 },
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(-7.5),
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create("7"),
            JsonValue => JsonValue.Create("true"),
            _ => new JsonObject(),
        };
        if (parent is JsonArray array)
        {
            array[int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)] = replacement;
        }
        else
        {
            parent[parts[^1]] = replacement;
        }

        File.WriteAllText(file, root.ToJsonString());
    }

    private static void Truncate(string file, double at)
    {
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(int)(bytes.Length * at)]);
    }

    private static void Nest(string file, int depth)
    {
        string text = File.ReadAllText(file).TrimEnd();
        string deep = new string('[', depth) + "1" + new string(']', depth);
        File.WriteAllText(file, text[..text.LastIndexOf('}')] + ",\"x-deep\":" + deep + "}");
    }

    private static void AddRootValue(string file, string value)
    {
        string text = File.ReadAllText(file).TrimEnd();
        File.WriteAllText(file, text[..text.LastIndexOf('}')] + ",\"x-huge\":" + value + "}", Encoding.UTF8);
    }

    // A sparse file: the size is on disk in an instant, and the guard must refuse it before reading a byte.
    private static void Grow(string file, long size)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.SetLength(size);
    }
}
