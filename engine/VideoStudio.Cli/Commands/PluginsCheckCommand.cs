using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins check &lt;folder&gt; [--json]`: loads one plugin folder anywhere on disk exactly as the host would
/// (limits, meta-schemas, price and card-example invariants, code) without installing it. Exit 0 when it would be
/// Active, 1 otherwise, with the reason.
/// </summary>
public static class PluginsCheckCommand
{
    /// <summary>Builds the subcommand.</summary>
    public static Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var folder = new Argument<string>("folder") { Description = "The plugin folder (holding plugin.json)." };
        var command = new Command("check", "Check a plugin folder as the host loads it, without installing it.") { folder, json };
        command.SetAction(async (parse, ct) =>
        {
            await using ServiceProvider services = CliApp.BuildServices(parse);
            string path = parse.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                return Terminal.Fail($"'{path}' is not a folder.", ExitCodes.InvalidInput);
            }

            PluginInfo plugin = await services.GetRequiredService<IVideoStudioPlugins>().CheckFolderAsync(path, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Terminal.WriteJson(ApiViews.Plugin(plugin));
            }
            else
            {
                Console.WriteLine($"{plugin.Id} {plugin.Version}: {plugin.Status} ({plugin.ModelIds.Count} models){(plugin.Reason is null ? string.Empty : ": " + plugin.Reason)}");
            }

            return plugin.Status == PluginStatus.Active ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
