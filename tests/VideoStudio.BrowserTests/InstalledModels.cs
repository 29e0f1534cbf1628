using System.Text.Json.Nodes;

namespace VideoStudio.BrowserTests;

/// <summary>
/// Theory data: the models the plugins in the test output define, the same folders the server loads. Theories
/// need their rows before any server runs; <see cref="ModelFormTests.ModelsApi_InstalledPlugins_ListsExactlyTheirModels"/>
/// proves GET /v1/models answers this same set, so the theories cover every model the API serves.
/// </summary>
internal static class InstalledModels
{
    public static IReadOnlyList<(string Id, string Task)> All { get; } = Directory
        .GetFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "plugin.json", SearchOption.AllDirectories)
        .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["models"]!.AsArray())
        .Select(m => ((string)m!["id"]!, (string)m["task"]!))
        .OrderBy(m => m.Item1, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Ids() => new(All.Select(m => m.Id));

    public static string TaskOf(string id) => All.Single(m => m.Id == id).Task;
}
