using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Cli.Commands;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.Cli;

/// <summary>Builds the command tree and the engine (through <c>AddVideoStudio</c>, exactly as a host app would).</summary>
public static class CliApp
{
    /// <summary>Global option: where plugin folders are.</summary>
    public static Option<string?> PluginsDirOption { get; } = new("--plugins-dir") { Description = "Plugins directory (default: plugins/ beside the executable).", Recursive = true };

    /// <summary>Runs the CLI.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("VideoStudio: many AI video models behind one typed, validated, priced interface.");
        root.Options.Add(PluginsDirOption);
        foreach (Command command in new ICliCommand[]
        {
            new ModelsCommand(), new SchemaCommand(), new ValidateCommand(), new EstimateCommand(), new CompareCommand(), new PluginsCommand(),
        }.Select(c => c.Build()))
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>Creates the engine's service provider for one command invocation.</summary>
    public static ServiceProvider BuildServices(ParseResult parse)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string? pluginsDir = parse.GetValue(PluginsDirOption);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error));
        services.AddVideoStudio(configuration, o =>
        {
            if (pluginsDir is not null)
            {
                o.PluginsDirectory = Path.GetFullPath(pluginsDir);
            }
        });
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a command body with the engine, mapping the engine's exceptions to exit codes and stderr.</summary>
    public static async Task<int> WithEngineAsync(ParseResult parse, Func<IVideoStudio, Task<int>> body)
    {
        await using ServiceProvider services = BuildServices(parse);
        try
        {
            return await body(services.GetRequiredService<IVideoStudio>()).ConfigureAwait(false);
        }
        catch (UnknownModelException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.UnknownModel);
        }
        catch (InputFormatException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.InvalidInput);
        }
    }
}
