using System.CommandLine;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Cli.Commands;

/// <summary>`schema &lt;id&gt;`: the model's input JSON Schema, exactly as a form generator consumes it.</summary>
public sealed class SchemaCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        Argument<string> id = CommonOptions.ModelId();
        var command = new Command("schema", "Print a model's input JSON Schema (with UI hints).") { id };
        command.SetAction((parse, ct) => CliApp.WithEngineAsync(parse, async studio =>
        {
            CatalogView catalog = await studio.GetCatalogAsync(ct).ConfigureAwait(false);
            Console.Out.WriteLine(catalog.Registry.Find(parse.GetValue(id)!).Schema.Text.TrimEnd());
            return ExitCodes.Ok;
        }));
        return command;
    }
}
