using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using VideoStudio.Cli.Commands;
using VideoStudio.Cli.Output;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Chaining;
using VideoStudio.Engine.Jobs.Facade;
using VideoStudio.Engine.Media;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Cli;

/// <summary>Builds the command tree and the engine (through <c>AddVideoStudio</c>, exactly as a host app would).</summary>
public static class CliApp
{
    /// <summary>Global option: where plugin folders are.</summary>
    public static Option<string?> PluginsDirOption { get; } = new("--plugins-dir") { Description = "Use only this plugins directory, and install into it (default: the plugins shipped beside the executable, then your own in <data dir>/plugins, where 'plugins install' writes).", Recursive = true };

    /// <summary>Global option: where the job store and outputs live.</summary>
    public static Option<string?> DataDirOption { get; } = new("--data-dir") { Description = "Data directory for the job store and outputs (default: VIDEOSTUDIO_DATA or the user's local app-data folder).", Recursive = true };

    /// <summary>Runs the CLI.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("VideoStudio: many AI video models behind one typed, validated, priced interface.");
        root.Options.Add(PluginsDirOption);
        root.Options.Add(DataDirOption);
        foreach (Command command in new ICliCommand[]
        {
            new ModelsCommand(), new SchemaCommand(), new ValidateCommand(), new EstimateCommand(), new CompareCommand(), new PluginsCommand(),
            new GenerateCommand(), new JobsCommand(), new WebhooksCommand(), new SimulatorCommand(), new CatalogCommand(), new ServeCommand(),
        }.Select(c => c.Build()))
        {
            root.Subcommands.Add(command);
        }

        // No response files: '@' introduces --input @file.json, which System.CommandLine would otherwise expand.
        return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>The plugins directory this invocation uses.</summary>
    public static string PluginsDirectory(ParseResult parse) =>
        parse.GetValue(PluginsDirOption) is string dir ? Path.GetFullPath(dir) : new VideoStudioOptions().PluginsDirectory;

    /// <summary>
    /// The user's own plugins directory, read after the shipped one and written by <c>plugins install</c>:
    /// <c>&lt;data dir&gt;/plugins</c> (outside the tool's install, so <c>dotnet tool update</c> keeps it); none when
    /// <c>--plugins-dir</c> names the one directory to use.
    /// </summary>
    public static string? UserPluginsDirectory(ParseResult parse) =>
        parse.GetValue(PluginsDirOption) is not null ? null : Path.Combine(Path.GetFullPath(parse.GetValue(DataDirOption) ?? JobOptions.DefaultDataDirectory()), "plugins");

    /// <summary>Creates the engine's service provider for one command invocation, exactly as a host app would (AddVideoStudio).</summary>
    public static ServiceProvider BuildServices(ParseResult parse)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error));
        ConfigureServices(services, parse);
        // The CLI runs as the machine's own user, who may already read local files and loopback: no egress fence.
        // `serve` does not come through here, so the server keeps the public-only default.
        services.Configure<EgressOptions>(o => o.AllowPrivateNetworks = true);
        // A command is not a host: no start-up checks (a read-only command must not need a writable data directory;
        // the plugins directory is reported per command). `serve` keeps them.
        services.Configure<VideoStudioHostingOptions>(o => o.CheckAtStart = false);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Registers the engine as this invocation configures it (plugins and data directories); shared by commands and
    /// `serve`. The provider is the engine's own choice: the real API with a key, otherwise the embedded simulator,
    /// whose jobs the engine keeps in <c>&lt;data dir&gt;/embedded-simulator</c> without a paid tier's limits — where
    /// every command, a read-only one too, finds them. <paramref name="forServer"/>: the simulator fetches no loopback
    /// media for `serve`'s callers; a command's requests are the machine's own user's, so it does.
    /// </summary>
    public static void ConfigureServices(IServiceCollection services, ParseResult parse, bool forServer = false)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string pluginsDir = PluginsDirectory(parse);
        string? dataDir = parse.GetValue(DataDirOption);
        string? userPluginsDir = UserPluginsDirectory(parse);
        services.AddVideoStudio(configuration, o =>
        {
            o.PluginsDirectory = pluginsDir;
            o.UserPluginsDirectory = userPluginsDir;
        });
        // The CLI keeps its own data directory (VIDEOSTUDIO_DATA or <local app data>/VideoStudio), not a per-app one.
        services.Configure<JobOptions>(o => o.DataDirectory = Path.GetFullPath(dataDir ?? JobOptions.DefaultDataDirectory()));
        services.Configure<VideoStudioHostingOptions>(o => o.SimulatorFetchLoopbackMedia = !forServer);
        // The engine's one line saying the embedded simulator is used (and nothing billed) reaches stderr, with every
        // other log line: stdout carries only answers (for `serve`, the line saying where it listens).
        services.AddLogging(b => b.AddFilter(typeof(EmbeddedProvider).FullName, LogLevel.Warning));
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (!forServer)
        {
            services.AddLogging(b => b.AddConsoleFormatter<CliLogFormatter, ConsoleFormatterOptions>());
            services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = CliLogFormatter.FormatterName);
        }
    }

    /// <summary>
    /// Runs a command that runs jobs: starts the provider (real or embedded), then runs the body while this process's
    /// job worker runs (it resumes unfinished jobs that no live process holds; a server's jobs are never taken), and
    /// stops the worker cleanly after.
    /// </summary>
    public static Task<int> WithJobsAsync(ParseResult parse, Func<IVideoStudio, IVideoJobs, Task<int>> body, CancellationToken cancellationToken) =>
        WithServicesAsync(parse, services => WhileJobsRunAsync(services, int.MaxValue, jobs => body(services.GetRequiredService<IVideoStudio>(), jobs), cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="body"/> while the job worker runs (claiming up to <paramref name="resumeLimit"/> unfinished jobs at start), then stops the worker.</summary>
    public static async Task<T> WhileJobsRunAsync<T>(IServiceProvider services, int resumeLimit, Func<IVideoJobs, Task<T>> body, CancellationToken cancellationToken)
    {
        IVideoJobs jobs = services.GetRequiredService<IVideoJobs>();
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task worker = jobs.RunAsync(resumeLimit, running.Token);
        try
        {
            return await body(jobs).ConfigureAwait(false);
        }
        finally
        {
            await running.CancelAsync().ConfigureAwait(false);
            await worker.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a command that talks to the provider: the real API, or the embedded simulator when no key is set, which
    /// the engine starts here (a command has no host to start it) and stops with the services.
    /// </summary>
    public static async Task<int> WithServicesAsync(ParseResult parse, Func<IServiceProvider, Task<int>> body, CancellationToken cancellationToken)
    {
        await using ServiceProvider services = BuildServices(parse);
        try
        {
            await services.GetRequiredService<EmbeddedProvider>().StartAsync(cancellationToken).ConfigureAwait(false);
            return await body(services).ConfigureAwait(false);
        }
        catch (VideoStudioStartupException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.Failure);
        }
        catch (UnknownModelException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.UnknownModel);
        }
        catch (Exception ex) when (ex is InputFormatException or JobRejectedException)
        {
            return Terminal.Fail(ex.Message, ExitCodes.InvalidInput);
        }
        catch (BudgetExceededException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.OverBudget);
        }
        catch (KeyNotFoundException ex)
        {
            return Terminal.Fail(ex.Message, ExitCodes.Failure);
        }
    }

    /// <summary>The owner of jobs run from the CLI without <c>--owner</c> (a <see cref="VideoStudio.Contracts.VideoRequest"/>'s default).</summary>
    public const string LocalOwner = "local";

    /// <summary>
    /// Runs a read-only command body (list, show, validate, price) with the catalog half of the engine
    /// (<see cref="BuildCatalogServices"/>), mapping the engine's exceptions to exit codes and stderr.
    /// </summary>
    public static Task<int> WithEngineAsync(ParseResult parse, Func<IVideoStudio, Task<int>> body) =>
        WithEngineAsync(parse, (studio, _) => body(studio));

    /// <summary>
    /// Like <see cref="WithEngineAsync(ParseResult, Func{IVideoStudio, Task{int}})"/>, with a resolver for
    /// <c>job:&lt;id&gt;</c> media: the local owner's finished jobs in the data directory, read without starting a
    /// provider, and only when the input names a job (<see cref="ResolveJobMediaAsync"/>).
    /// </summary>
    public static async Task<int> WithEngineAsync(ParseResult parse, Func<IVideoStudio, JobMediaResolver, Task<int>> body)
    {
        await using ServiceProvider services = BuildCatalogServices(parse);
        try
        {
            return await body(services.GetRequiredService<IVideoStudio>(), (modelId, input, ct) => ResolveJobMediaAsync(parse, modelId, input, ct)).ConfigureAwait(false);
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

    /// <summary>Resolves the <c>job:&lt;id&gt;</c> media of <paramref name="input"/> for <paramref name="modelId"/> (the local owner's jobs).</summary>
    public delegate Task<JobMediaResolution> JobMediaResolver(string modelId, JsonObject input, CancellationToken cancellationToken);

    /// <summary>
    /// The engine for a read-only command: catalog, validation and pricing only (<c>AddVideoStudioCatalog</c>), with the
    /// same plugins directories, data directory (where the install record lives) and logging as <see cref="BuildServices"/>,
    /// but no job store, provider client or simulator to load.
    /// </summary>
    public static ServiceProvider BuildCatalogServices(ParseResult parse)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error));
        IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        string pluginsDir = PluginsDirectory(parse);
        string? userPluginsDir = UserPluginsDirectory(parse);
        string dataDir = Path.GetFullPath(parse.GetValue(DataDirOption) ?? JobOptions.DefaultDataDirectory());
        services.AddVideoStudioCatalog(configuration, o =>
        {
            o.PluginsDirectory = pluginsDir;
            o.UserPluginsDirectory = userPluginsDir;
        });
        services.Configure<JobOptions>(o => o.DataDirectory = dataDir); // the CLI's own data directory, as for jobs
        services.Configure<EgressOptions>(o => o.AllowPrivateNetworks = true); // as BuildServices: the user's own machine
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// <c>job:&lt;id&gt;</c> media for a read-only command. The job store (and the job half of the engine) is opened
    /// only when a value of the input, or an item of an array value, names a job; otherwise the input is as given.
    /// </summary>
    public static async Task<JobMediaResolution> ResolveJobMediaAsync(ParseResult parse, string modelId, JsonObject input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.Any(p => NamesJob(p.Value) || (p.Value is JsonArray items && items.Any(NamesJob))))
        {
            return new JobMediaResolution((JsonObject)input.DeepClone(), [], []);
        }

        await using ServiceProvider services = BuildServices(parse);
        return await services.GetRequiredService<IVideoJobs>().ResolveJobMediaAsync(LocalOwner, [modelId], input, cancellationToken).ConfigureAwait(false);
    }

    private static bool NamesJob(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) && MediaSource.IsJobOutput(s, out _);
}
