using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog.Import;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Cli.Commands;

/// <summary>
/// `plugins import &lt;model-id&gt;… [--family NAME] [--dry-run] [--upgrade] [--out DIR] [--json]`: writes a data-only
/// plugin per family from the provider's live catalogue (the embedded simulator's when no WaveSpeed key is set: WAVESPEED_API_KEY or WaveSpeed__ApiKey), checks
/// it as the host loads it and installs it into the plugins directory, where a running server picks it up.
/// </summary>
public static class PluginsImportCommand
{
    /// <summary>Builds `import`.</summary>
    public static Command Build()
    {
        Option<bool> json = CommonOptions.Json();
        var ids = new Argument<string[]>("model-id") { Description = "Exact provider model ids, e.g. wavespeed-ai/video-face-swap.", Arity = ArgumentArity.OneOrMore };
        var family = new Option<string?>("--family") { Description = "Put every model in one plugin of this family (default: the family in each id, e.g. wan-2.6)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be written; write nothing." };
        var upgrade = new Option<bool>("--upgrade") { Description = "Replace an installed plugin of the same id, bumping its version." };
        var output = new Option<string?>("--out") { Description = "Write the plugin folders here (to curate them) instead of installing them." };
        var command = new Command("import", "Write a checked, data-only plugin per family from the provider's live catalogue and install it.") { ids, family, dryRun, upgrade, output, json };
        command.SetAction((parse, ct) => CliApp.WithServicesAsync(parse, async services =>
        {
            var request = new ImportRequest(parse.GetValue(ids)!, parse.GetValue(family), parse.GetValue(dryRun), parse.GetValue(upgrade), parse.GetValue(output) is string o ? Path.GetFullPath(o) : null);
            string source = $"GET {services.GetRequiredService<IOptions<WaveSpeedOptions>>().Value.BaseUrl}api/v3/models";
            try
            {
                ImportReport report = await services.GetRequiredService<IVideoStudioPlugins>().ImportAsync(request, source, ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Terminal.WriteJson(report);
                    return ExitCodes.Ok;
                }

                for (int i = 0; i < report.Plugins.Count; i++)
                {
                    ImportedPlugin plugin = report.Plugins[i];
                    string where = report.DryRun ? "would write" : request.OutputDirectory is null ? $"installed into {report.Folders[i]}" : $"written to {report.Folders[i]}";
                    Console.WriteLine($"{plugin.PluginId} {plugin.Version} ({string.Join(", ", plugin.Models)}): {where}");
                    if (report.DryRun)
                    {
                        foreach ((string path, string text) in plugin.Files)
                        {
                            Console.WriteLine($"--- {plugin.FolderName}/{path}");
                            Console.WriteLine(text);
                        }
                    }

                    foreach (string note in plugin.Notes)
                    {
                        Console.WriteLine($"  note: {note}");
                    }
                }

                return ExitCodes.Ok;
            }
            catch (PluginImportException ex)
            {
                return Terminal.Fail(ex.Message, ExitCodes.Failure);
            }
        }, ct));
        return command;
    }
}
