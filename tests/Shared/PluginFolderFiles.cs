using System.Text.Json.Nodes;

namespace VideoStudio.TestSupport;

/// <summary>
/// Builds test plugin folders from the real ones: copy a folder, then edit its JSON files. Compiled into every test
/// project that needs it (linked source, so no test project depends on another).
/// </summary>
internal static class PluginFolderFiles
{
    /// <summary>Copies every file under <paramref name="source"/> to the same relative path under <paramref name="target"/>.</summary>
    public static void CopyDirectory(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>Rewrites a JSON object file in place.</summary>
    public static void EditJson(string path, Action<JsonObject> edit)
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
