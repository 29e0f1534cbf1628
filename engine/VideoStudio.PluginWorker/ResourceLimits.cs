using System.Runtime.InteropServices;

namespace VideoStudio.PluginWorker;

/// <summary>
/// Caps the worker's own resources with <c>setrlimit</c> (Linux and macOS) before any plugin code is loaded. Soft and
/// hard limits are set alike, so code in the process cannot raise them again. Windows has no rlimits: there the
/// managed heap limit (<c>DOTNET_GCHeapHardLimit</c>, set by the host) and the call budget are what bound a worker.
/// </summary>
internal static partial class ResourceLimits
{
    private const ulong Infinity = ulong.MaxValue;

    /// <summary>Applies the limits named on the command line (<c>--cpu-seconds N --open-files N --file-bytes N --address-space-bytes N</c>); returns what it applied, for the first log line.</summary>
    public static string Apply(IReadOnlyList<string> args)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return "no rlimits on this OS";
        }

        bool linux = OperatingSystem.IsLinux();
        var applied = new List<string>();
        Set(applied, "core", linux ? 4 : 4, 0);
        if (Value(args, "--cpu-seconds") is ulong cpu)
        {
            Set(applied, "cpu", 0, cpu);
        }

        if (Value(args, "--open-files") is ulong files)
        {
            Set(applied, "nofile", linux ? 7 : 8, files);
        }

        if (Value(args, "--file-bytes") is ulong bytes)
        {
            Set(applied, "fsize", 1, bytes);
        }

        // Address space on top of what the runtime has already reserved: native allocations count too, unlike the GC limit.
        if (Value(args, "--address-space-bytes") is ulong extra && extra > 0 && ReservedBytes() is ulong reserved)
        {
            Set(applied, "as", linux ? 9 : 5, reserved + extra);
        }

        return string.Join(", ", applied);
    }

    /// <summary>The text after <paramref name="name"/> on the command line, or null.</summary>
    public static string? Text(IReadOnlyList<string> args, string name)
    {
        int at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? args[at + 1] : null;
    }

    private static ulong? Value(IReadOnlyList<string> args, string name)
    {
        int at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count && ulong.TryParse(args[at + 1], out ulong value) ? value : null;
    }

    private static void Set(List<string> applied, string name, int resource, ulong value)
    {
        var limit = new RLimit { Current = value, Maximum = value };
        if (SetRLimit(resource, ref limit) != 0)
        {
            // A limit that cannot be set is a host misconfiguration: refuse to serve rather than run uncapped.
            throw new InvalidOperationException($"setrlimit({name}, {value}) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        applied.Add($"{name}={(value == Infinity ? "unlimited" : value)}");
    }

    private static ulong? ReservedBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmSize:", StringComparison.Ordinal));
        string[]? parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && ulong.TryParse(parts[1], out ulong kib) ? kib * 1024 : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);
}
