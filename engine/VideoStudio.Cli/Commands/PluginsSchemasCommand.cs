using System.CommandLine;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins schemas &lt;dir&gt;`: writes the meta-schemas this host checks plugin files against (manifest, pricing
/// rule, input-schema profile) so an editor validates a plugin anywhere: point a file's <c>$schema</c> at them.
/// </summary>
public static class PluginsSchemasCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Build()
    {
        var directory = new Argument<string>("dir") { Description = "Where to write the meta-schemas (created if missing)." };
        var command = new Command("schemas", "Write the meta-schemas plugin files are checked against (for editors).") { directory };
        command.SetAction(parse =>
        {
            string target = Path.GetFullPath(parse.GetValue(directory)!);
            Directory.CreateDirectory(target);
            foreach (string name in MetaSchemas.FileNames)
            {
                File.WriteAllText(Path.Combine(target, name), MetaSchemas.ReadText(name));
                Console.WriteLine(Path.Combine(target, name));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
