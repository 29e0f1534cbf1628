using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace VideoStudio.Tests.Architecture;

/// <summary>
/// The CLI and the server use the engine's facades and nothing below them: every engine type their assemblies name
/// is on the list in <c>FacadeTypes.txt</c> (read from the compiled assemblies' type references, so a use in a
/// signature, a body or an attribute counts alike).
/// </summary>
public sealed class PublicSurfaceTests
{
    [Theory]
    [InlineData("VideoStudio.Cli", "videostudio.dll")]
    [InlineData("VideoStudio.Server", "VideoStudio.Server.dll")]
    public void CliAndServer_ReferencedEngineTypes_AreOnlyThePublicFacade(string project, string assembly)
    {
        string path = Path.Combine(EngineDependencyGraph.RepoRoot(), "engine", project, "bin", Configuration, "net10.0", assembly);
        File.Exists(path).ShouldBeTrue($"{path} is built before the tests (a project reference orders it)");

        string[] outside = [.. EngineTypesNamedBy(path).Except(FacadeTypes(), StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        outside.ShouldBeEmpty($"{assembly} names engine types below the facades");
    }

    [Fact]
    public void EngineTypesNamedBy_CliAssembly_FindsTheFacades()
    {
        string path = Path.Combine(EngineDependencyGraph.RepoRoot(), "engine", "VideoStudio.Cli", "bin", Configuration, "net10.0", "videostudio.dll");

        EngineTypesNamedBy(path).ShouldContain("VideoStudio.Engine.Hosting.IVideoStudio");
    }

    // bin/<Configuration>/net10.0 of this test project: the CLI and server were built in the same configuration.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static HashSet<string> FacadeTypes() =>
        [.. File.ReadAllLines(Path.Combine(EngineDependencyGraph.RepoRoot(), "tests", "VideoStudio.Tests", "Architecture", "FacadeTypes.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    // Type references resolved to the VideoStudio.Engine assembly, nested ones as Outer+Inner.
    private static HashSet<string> EngineTypesNamedBy(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            TypeReference type = metadata.GetTypeReference(handle);
            string name = metadata.GetString(type.Name);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                type = metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
                name = metadata.GetString(type.Name) + "+" + name;
            }

            if (type.ResolutionScope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == "VideoStudio.Engine")
            {
                names.Add(metadata.GetString(type.Namespace) + "." + name);
            }
        }

        return names;
    }
}
