using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Hosting;

namespace VideoStudio.IntegrationTests.Embedding;

/// <summary>
/// A generic host as an embedding app builds it (Host.CreateApplicationBuilder + AddVideoStudio(configuration)),
/// with a data directory of its own that is deleted afterwards, and the log lines it wrote.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private EmbeddedHost(IHost host, string dataDirectory, LogLines log)
    {
        Host = host;
        DataDirectory = dataDirectory;
        Log = log;
    }

    public IHost Host { get; }

    public string DataDirectory { get; }

    public LogLines Log { get; }

    public IServiceProvider Services => Host.Services;

    private bool started;

    /// <summary>Starts the host (the start-up checks, the embedded simulator, the job worker).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Host.StartAsync(cancellationToken);
        started = true; // a host whose start threw cannot be stopped (and started nothing that outlives its disposal)
    }

    /// <summary>Builds the host (not started) with <paramref name="settings"/> as configuration.</summary>
    public static EmbeddedHost Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        string data = Path.Combine(Path.GetTempPath(), "videostudio-embed-" + Guid.NewGuid().ToString("N"));
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["VideoStudio:Jobs:DataDirectory"] = data });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        var log = new LogLines();
        builder.Logging.AddProvider(log).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddVideoStudio(builder.Configuration);
        configure?.Invoke(builder.Services);
        return new EmbeddedHost(builder.Build(), data, log);
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
        {
            await Host.StopAsync(CancellationToken.None);
        }

        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner.
        }
    }

    /// <summary>Every log line the host wrote, as text.</summary>
    internal sealed class LogLines : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
