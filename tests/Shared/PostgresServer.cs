using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VideoStudio.TestSupport;

/// <summary>
/// A real PostgreSQL server for the tests, started from Debian's <c>postgresql</c> package (<c>initdb</c> +
/// <c>pg_ctl</c>) in a temporary directory on a free loopback port, and stopped and deleted afterwards. No
/// containers. As root (CI), the server runs as the package's <c>postgres</c> user, since PostgreSQL refuses root.
/// Each test class takes a fresh database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string User = "videostudio";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "videostudio-pg-" + Guid.NewGuid().ToString("N"));
    private string? bin;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: the job-store tests start a real server from Debian's package. Run 'apt-get install -y postgresql' (as .ci/run does), then test again.");
        Port = FreePort();
        Directory.CreateDirectory(directory);
        string data = Path.Combine(directory, "data");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        await RunPgAsync("initdb", ["-D", data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
        await StartAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string name = "vs_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>The connection string of database <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30;Command Timeout=60";

    /// <summary>Stops the server (fast shutdown: open connections are dropped), as an outage does.</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port, and waits until it accepts connections.</summary>
    public Task StartAsync() =>
        RunPgAsync("pg_ctl", ["-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (bin is not null && Directory.Exists(Path.Combine(directory, "data")))
        {
            try
            {
                await RunPgAsync("pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries()
    {
        string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            string? newest = Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0).FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private Task RunPgAsync(string tool, string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin!, tool), .. args])
            : RunAsync(Path.Combine(bin!, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
