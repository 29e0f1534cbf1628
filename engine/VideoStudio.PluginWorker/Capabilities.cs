using System.Runtime.InteropServices;

namespace VideoStudio.PluginWorker;

/// <summary>
/// Drops every Linux capability before plugin code loads. A host started as root (a container's default) would
/// otherwise start its workers with root's powers: reading any process's memory and environment, signalling any
/// process, raw sockets. The worker keeps its user id, but with no capability it is an ordinary process of that user,
/// and with <c>no_new_privs</c> (set by <see cref="Landlock"/>) it cannot gain any back through a set-uid program.
/// </summary>
internal static partial class Capabilities
{
    private const int PrCapBsetDrop = 24;
    private const uint Version3 = 0x20080522;
    private const int LastCapability = 63;

    /// <summary>Drops every capability when running with any; returns what it did, for the first log line.</summary>
    public static string DropAll()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "capabilities: not Linux";
        }

        var header = new CapHeader { Version = Version3, Pid = 0 };
        var data = new CapData[2];
        if (CapGet(ref header, data) != 0)
        {
            return $"capabilities: unreadable (errno {Marshal.GetLastPInvokeError()})";
        }

        if (data.All(d => d.Effective == 0 && d.Permitted == 0 && d.Inheritable == 0))
        {
            return "capabilities: none held";
        }

        // The bounding set first (needs CAP_SETPCAP, still held), then the process's own sets.
        for (int cap = 0; cap <= LastCapability; cap++)
        {
            _ = PrCtl(PrCapBsetDrop, (ulong)cap, 0, 0, 0); // EINVAL past the kernel's last capability: nothing to drop
        }

        Array.Clear(data);
        if (CapSet(ref header, data) != 0)
        {
            throw new InvalidOperationException($"capset (dropping every capability) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        return "capabilities: all dropped";
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(ref CapHeader header, [Out] CapData[] data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(ref CapHeader header, CapData[] data);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int PrCtl(int option, ulong a, ulong b, ulong c, ulong d);
}
