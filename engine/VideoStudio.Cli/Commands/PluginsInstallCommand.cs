using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins install &lt;folder|zip&gt; [--sha256 HASH] [--json]` and `plugins remove &lt;id&gt;`: change the plugins
/// directory (`--plugins-dir`). A server watching that directory picks the change up by itself.
/// </summary>
public static class PluginsInstallCommand
{
    /// <summary>Builds `install`.</summary>
    public static Command BuildInstall()
    {
        Option<bool> json = CommonOptions.Json();
        var source = new Argument<string>("source") { Description = "A plugin folder or a .zip of one." };
        var sha = new Option<string?>("--sha256") { Description = "The zip's expected SHA-256 (hex); a mismatch installs nothing." };
        var command = new Command("install", "Check a plugin and install it (a plugin id already installed is upgraded in place).") { source, sha, json };
        command.SetAction(async (parse, ct) =>
        {
            await using ServiceProvider services = CliApp.BuildServices(parse);
            try
            {
                PluginInstallResult result = await services.GetRequiredService<IVideoStudioPlugins>().InstallAsync(parse.GetValue(source)!, parse.GetValue(sha), ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Terminal.WriteJson(result);
                }
                else
                {
                    Console.WriteLine($"Installed {result.Plugin.Id} {result.Plugin.Version} into {result.Folder}{(result.Replaced is null ? string.Empty : $" (replaced {result.Replaced})")}.");
                }

                return ExitCodes.Ok;
            }
            catch (PluginInstallException ex)
            {
                return Terminal.Fail(ex.Message, ExitCodes.Failure);
            }
        });
        return command;
    }

    /// <summary>Builds `remove`.</summary>
    public static Command BuildRemove()
    {
        var id = new Argument<string>("id") { Description = "The plugin id (as 'videostudio plugins' lists it)." };
        var command = new Command("remove", "Remove the folder that holds a plugin id.") { id };
        command.SetAction(parse =>
        {
            using ServiceProvider services = CliApp.BuildServices(parse);
            try
            {
                string folder = services.GetRequiredService<IVideoStudioPlugins>().Remove(parse.GetValue(id)!);
                Console.WriteLine($"Removed {parse.GetValue(id)} ({folder}).");
                return ExitCodes.Ok;
            }
            catch (PluginInstallException ex)
            {
                return Terminal.Fail(ex.Message, ExitCodes.Failure);
            }
        });
        return command;
    }
}
