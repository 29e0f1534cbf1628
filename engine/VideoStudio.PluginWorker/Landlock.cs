using System.Runtime.InteropServices;

namespace VideoStudio.PluginWorker;

/// <summary>
/// Confines the worker with Linux Landlock before any plugin code is loaded: the process (and anything it starts)
/// may read only the runtime, its own assemblies and the plugin's folder, read and write only its private working
/// directory, open no TCP connection and listen on no port (Landlock ABI 4+), and signal or trace no process outside
/// itself (ABI 1 for tracing, which also hides other processes' <c>/proc/&lt;pid&gt;/environ</c>; ABI 6 for signals).
/// So the data directory, the host's configuration files and the user's home stay out of reach even though the
/// worker runs as the host's user. Where the kernel has no Landlock (older than 5.13, disabled, or not Linux) the
/// worker says so on its first log line and runs with the rlimits and the scrubbed environment only.
/// </summary>
internal static partial class Landlock
{
    private const int RulePathBeneath = 1;
    private const int CreateRulesetVersion = 1;
    private const int PrSetNoNewPrivs = 38;
    private const int OPath = 0x200000;
    private const int OCloexec = 0x80000;

    // Filesystem rights (include/uapi/linux/landlock.h).
    private const ulong Execute = 1UL << 0, WriteFile = 1UL << 1, ReadFile = 1UL << 2, ReadDir = 1UL << 3;
    private const ulong Truncate = 1UL << 14, IoctlDev = 1UL << 15;
    private const ulong ReadOnly = Execute | ReadFile | ReadDir;

    // System call numbers: the same on x86-64 and arm64 (the generic table).
    private const long CreateRuleset = 444, AddRule = 445, RestrictSelf = 446;

    /// <summary>Applies the confinement; returns what it applied, for the worker's first log line.</summary>
    /// <param name="pluginDirectory">The plugin's folder (read only).</param>
    /// <param name="workingDirectory">The worker's private directory (read and write).</param>
    public static string Apply(string? pluginDirectory, string workingDirectory)
    {
        if (!OperatingSystem.IsLinux() || !(RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64))
        {
            return "landlock: not available on this OS";
        }

        long abi = Syscall(CreateRuleset, 0, 0, CreateRulesetVersion);
        if (abi < 1)
        {
            return $"landlock: not available in this kernel (errno {Marshal.GetLastPInvokeError()}); files are not confined";
        }

        ulong handledFs = (1UL << 13) - 1; // ABI 1: execute … make_sym
        handledFs |= abi >= 2 ? 1UL << 13 : 0; // refer
        handledFs |= abi >= 3 ? Truncate : 0;
        handledFs |= abi >= 5 ? IoctlDev : 0;
        var attr = new RulesetAttr
        {
            HandledAccessFs = handledFs,
            HandledAccessNet = abi >= 4 ? 3UL : 0, // bind_tcp | connect_tcp, with no rule allowing either
            Scoped = abi >= 6 ? 3UL : 0, // abstract unix sockets | signals
        };
        int size = abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
        int ruleset = checked((int)CreateRulesetFrom(ref attr, size));
        try
        {
            string runtime = RuntimeEnvironment.GetRuntimeDirectory();
            string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
            // /proc: the worker's own entry and the machine-wide figures the runtime reads, never another process's
            // entry (a host's /proc/<pid>/environ holds its secrets, and a worker running as root may read it).
            foreach (string dir in (string[])[dotnetRoot, "/usr", "/lib", "/lib64", "/sys", $"/proc/{Environment.ProcessId}", "/proc/sys"])
            {
                Allow(ruleset, dir, ReadOnly, handledFs);
            }

            foreach (string file in (string[])["/etc/ld.so.cache", "/etc/localtime", "/dev/urandom", "/dev/random",
                "/proc/meminfo", "/proc/stat", "/proc/cpuinfo", "/proc/loadavg", "/proc/filesystems"])
            {
                Allow(ruleset, file, ReadFile, handledFs);
            }

            Allow(ruleset, "/dev/null", ReadFile | WriteFile | Truncate, handledFs);
            AllowOwnAssemblies(ruleset, handledFs);
            if (pluginDirectory is not null)
            {
                Allow(ruleset, pluginDirectory, ReadOnly, handledFs);
            }

            Allow(ruleset, workingDirectory, handledFs, handledFs);

            if (PrCtl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0 || Syscall(RestrictSelf, ruleset, 0, 0) != 0)
            {
                throw new InvalidOperationException($"landlock_restrict_self failed with errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(ruleset); // a descriptor that fails to close leaks nothing the process keeps
        }

        return $"landlock ABI {abi}: files confined{(abi >= 4 ? ", TCP refused" : string.Empty)}{(abi >= 6 ? ", signals scoped" : string.Empty)}";
    }

    // The worker runs from the host's folder, which also holds the host's settings (appsettings*.json): it may list
    // the folder (the plugin loader probes it) and read the assemblies and the runtime's .deps.json/.runtimeconfig.json files, never the host's
    // configuration.
    private static void AllowOwnAssemblies(int ruleset, ulong handledFs)
    {
        string self = AppContext.BaseDirectory;
        Allow(ruleset, self, ReadDir, handledFs);
        foreach (string file in Directory.EnumerateFiles(self))
        {
            string name = Path.GetFileName(file);
            if (name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".deps.json", StringComparison.Ordinal) || name.EndsWith(".runtimeconfig.json", StringComparison.Ordinal) ||
                name.StartsWith("VideoStudio.PluginWorker.", StringComparison.Ordinal))
            {
                Allow(ruleset, file, Execute | ReadFile, handledFs);
            }
        }

        Allow(ruleset, Path.Combine(self, "runtimes"), ReadOnly, handledFs);
    }

    private static void Allow(int ruleset, string path, ulong access, ulong handledFs)
    {
        int fd = Open(path, OPath | OCloexec);
        if (fd < 0)
        {
            return; // absent on this machine (e.g. /lib64 on arm64): nothing to allow
        }

        try
        {
            bool directory = Directory.Exists(path);
            ulong allowed = access & handledFs & (directory ? ulong.MaxValue : Execute | WriteFile | ReadFile | Truncate | IoctlDev);
            var rule = new PathBeneathAttr { AllowedAccess = allowed, ParentFd = fd };
            if (AddRuleFrom(ruleset, RulePathBeneath, ref rule, 0) != 0)
            {
                throw new InvalidOperationException($"landlock_add_rule({path}) failed with errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd); // a descriptor that fails to close leaks nothing the process keeps
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RulesetAttr
    {
        public ulong HandledAccessFs;
        public ulong HandledAccessNet;
        public ulong Scoped;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct PathBeneathAttr
    {
        public ulong AllowedAccess;
        public int ParentFd;
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, long c);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long CreateRulesetSyscall(long number, ref RulesetAttr attr, nint size, long flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long AddRuleSyscall(long number, long ruleset, long type, ref PathBeneathAttr attr, long flags);

    private static long CreateRulesetFrom(ref RulesetAttr attr, int size)
    {
        long fd = CreateRulesetSyscall(CreateRuleset, ref attr, size, 0);
        return fd >= 0 ? fd : throw new InvalidOperationException($"landlock_create_ruleset failed with errno {Marshal.GetLastPInvokeError()}");
    }

    private static long AddRuleFrom(int ruleset, int type, ref PathBeneathAttr rule, long flags) => AddRuleSyscall(AddRule, ruleset, type, ref rule, flags);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrCtl(int option, ulong a, ulong b, ulong c, ulong d);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
