using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// How a plugin worker is started: the host's own <c>dotnet</c> runs <see cref="WorkerProtocol.WorkerAssemblyFileName"/>
/// from beside the host, in a private temporary directory, with an environment built from an allowlist (nothing of
/// the host's configuration, keys, connection strings or secrets is passed) and its resource caps on the command line.
/// </summary>
internal static class WorkerLaunch
{
    // What the runtime and the OS need to start a process, and nothing that configures VideoStudio.
    private static readonly string[] Inherited =
        ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "DOTNET_ROOT", "SystemRoot", "windir", "ComSpec", "PATHEXT", "SystemDrive"];

    /// <summary>The worker assembly beside the host.</summary>
    public static string WorkerAssembly => Path.Combine(AppContext.BaseDirectory, WorkerProtocol.WorkerAssemblyFileName);

    /// <summary>A new private working directory for one worker (only its owner may enter it).</summary>
    public static string CreateWorkingDirectory(string pluginId)
    {
        string safe = new(pluginId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').Take(40).ToArray());
        string path = Path.Combine(Path.GetTempPath(), $"videostudio-plugin-{safe}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>The start info of a worker for <paramref name="limits"/>, working in <paramref name="workingDirectory"/>, reading the plugin in <paramref name="pluginDirectory"/>.</summary>
    public static ProcessStartInfo StartInfo(PluginLimits limits, string workingDirectory, string pluginDirectory)
    {
        var start = new ProcessStartInfo(Muxer())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in (string[])["exec", WorkerAssembly,
            "--plugin-dir", Path.GetFullPath(pluginDirectory),
            "--cpu-seconds", limits.WorkerCpuSeconds.ToString(CultureInfo.InvariantCulture),
            "--open-files", limits.WorkerOpenFiles.ToString(CultureInfo.InvariantCulture),
            "--file-bytes", limits.WorkerFileBytes.ToString(CultureInfo.InvariantCulture),
            "--address-space-bytes", (limits.WorkerMemoryBytes * 4).ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        IDictionary<string, string?> environment = start.Environment;
        Dictionary<string, string?> host = environment.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        environment.Clear();
        foreach (string name in Inherited)
        {
            if (host.TryGetValue(name, out string? value) && value is not null)
            {
                environment[name] = value;
            }
        }

        foreach (string name in (string[])["HOME", "USERPROFILE", "TMPDIR", "TEMP", "TMP"])
        {
            environment[name] = workingDirectory;
        }

        environment["DOTNET_GCHeapHardLimit"] = "0x" + limits.WorkerMemoryBytes.ToString("X", CultureInfo.InvariantCulture);
        environment["DOTNET_gcServer"] = "0";
        environment["DOTNET_EnableDiagnostics"] = "0"; // no debugger, profiler or diagnostics socket into the worker
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    // The `dotnet` that runs this host: the worker uses the same runtime, whatever PATH says.
    private static string Muxer()
    {
        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is string self && Path.GetFileName(self) == name)
        {
            return self;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
