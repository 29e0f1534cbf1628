using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VideoStudio.Contracts;

namespace VideoStudio.TestSupport;

/// <summary>
/// Builds a hostile plugin during the test run: LTX-2 Pro text-to-video's data under the id <c>hostile.{kind}</c>
/// (model <c>hostile/{kind}</c>) with one input rule compiled from source with Roslyn. The rule behaves unless the
/// prompt starts with "attack" (so the card example, planned at load, passes), then runs <c>attack</c>; built with
/// <c>always</c>, it attacks on every call, the card example's at load included. Linked into
/// both test projects: the engine's tests call it directly, the integration tests install it into a running server.
/// </summary>
internal static class HostilePlugin
{
    /// <summary>What each hostile rule does when attacked (a C# method body returning IEnumerable&lt;ValidationIssue&gt;).</summary>
    public static readonly IReadOnlyDictionary<string, string> Attacks = new Dictionary<string, string>
    {
        ["env"] = """return new[] { new ValidationIssue("", "env", string.Join(";", Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(k => k + "=" + Environment.GetEnvironmentVariable(k.ToString()!))), IssueSeverity.Warning) };""",
        ["allocate"] = """var hog = new List<byte[]>(); while (true) { var b = new byte[16 << 20]; Array.Fill(b, (byte)1); hog.Add(b); }""",
        ["spin"] = """while (true) { }""",
        ["exit"] = """Environment.Exit(0); return Array.Empty<ValidationIssue>();""",
        ["write"] = """System.IO.File.WriteAllText(prompt.Substring("attack ".Length), "escaped"); return Array.Empty<ValidationIssue>();""",
        ["read"] = """return new[] { new ValidationIssue("", "read", System.IO.File.ReadAllText(prompt.Substring("attack ".Length)), IssueSeverity.Warning) };""",
        ["parent"] = """int parent = int.Parse(System.IO.File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[1]); return new[] { new ValidationIssue("", "parent", System.IO.File.ReadAllText($"/proc/{parent}/environ").Replace('\0', ';'), IssueSeverity.Warning) };""",
        ["connect"] = """using (var client = new System.Net.Sockets.TcpClient()) { client.Connect("127.0.0.1", int.Parse(prompt.Substring("attack ".Length))); } return new[] { new ValidationIssue("", "connect", "connected", IssueSeverity.Warning) };""",
        ["signal"] = """[System.Runtime.InteropServices.DllImport("libc")] static extern int kill(int pid, int sig); int parent = int.Parse(System.IO.File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[1]); return new[] { new ValidationIssue("", "signal", kill(parent, 0) == 0 ? "may signal its host" : "may not signal its host", IssueSeverity.Warning) };""",
        ["flood"] = """return new[] { new ValidationIssue("", "flood", new string('x', 100_000_000), IssueSeverity.Warning) };""",
        ["throw"] = """throw new InvalidOperationException("the secret is " + Environment.GetEnvironmentVariable("PATH"));""",
        ["crash"] = """Environment.FailFast("hostile crash"); return Array.Empty<ValidationIssue>();""",
        ["hang"] = """System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite); return Array.Empty<ValidationIssue>();""",
        ["chatter"] = """string line = new string('y', 1 << 20); for (int i = 0; i < 8; i++) { Console.WriteLine(line); Console.Error.WriteLine(line); } return new[] { new ValidationIssue("", "chatter", "chattered", IssueSeverity.Warning) };""",
        ["garble"] = """using (var raw = Console.OpenStandardOutput()) { raw.Write(System.Text.Encoding.ASCII.GetBytes("Content-Length: 5\r\n\r\n}}}}}")); raw.Flush(); } return Array.Empty<ValidationIssue>();""",
    };

    /// <summary>The model id of the plugin of <paramref name="kind"/>.</summary>
    public static string ModelId(string kind) => $"hostile/{kind}";

    /// <summary>The plugin id of <paramref name="kind"/>.</summary>
    public static string PluginId(string kind) => $"hostile.{kind}";

    /// <summary>Writes the plugin folder <c>hostile-{kind}</c> under <paramref name="pluginsDirectory"/>; <paramref name="constructor"/> runs when the rule is created.</summary>
    public static string Build(string pluginsDirectory, string kind, string? attack = null, string constructor = "", bool always = false)
    {
        string folder = Path.Combine(pluginsDirectory, $"hostile-{kind}");
        string source = Path.Combine(AppContext.BaseDirectory, "plugins", "Ltx2");
        Directory.CreateDirectory(Path.Combine(folder, "models"));
        foreach (string file in Directory.GetFiles(Path.Combine(source, "models")))
        {
            File.Copy(file, Path.Combine(folder, "models", Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(source, "plugin.json"), Path.Combine(folder, "plugin.json"));
        PluginFolderFiles.EditJson(Path.Combine(folder, "plugin.json"), m =>
        {
            m["id"] = PluginId(kind);
            m["name"] = $"Hostile {kind}";
            m["entryAssembly"] = "Hostile.dll";
            JsonObject model = m["models"]!.AsArray()[0]!.AsObject();
            model["id"] = ModelId(kind);
            model["aliases"] = new JsonArray();
            model["rules"] = new JsonArray("HostileRule");
            m["models"] = new JsonArray(model.DeepClone());
        });
        Compile(Path.Combine(folder, "Hostile.dll"), $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using VideoStudio.Contracts;

            public sealed class HostileRule : IInputRule
            {
                public HostileRule() { {{constructor}} }

                public IEnumerable<ValidationIssue> Check(ModelInputContext context)
                {
                    string prompt = context.Input["prompt"]?.ToString() ?? "";
                    if ({{(always ? "false" : "true")}} && !prompt.StartsWith("attack", StringComparison.Ordinal)) return Array.Empty<ValidationIssue>();
                    {{attack ?? Attacks[kind]}}
                }
            }
            """);
        return folder;
    }

    private static void Compile(string path, string source)
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        MetadataReference[] references = Directory.GetFiles(runtime, "*.dll")
            .Where(f => Path.GetFileName(f).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(f) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(IInputRule).Assembly.Location)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToArray();
        CSharpCompilation compilation = CSharpCompilation.Create("Hostile", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using FileStream output = File.Create(path);
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(output);
        if (!result.Success)
        {
            throw new InvalidOperationException("hostile plugin did not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
    }
}
