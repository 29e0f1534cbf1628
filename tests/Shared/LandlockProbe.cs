using System.Runtime.InteropServices;

namespace VideoStudio.TestSupport;

/// <summary>
/// Which Landlock ABI this kernel offers (0: none), so a test of a confinement the kernel cannot give is skipped with
/// that reason instead of passing vacuously or failing on a machine that cannot provide it.
/// </summary>
internal static class LandlockProbe
{
    /// <summary>The kernel's Landlock ABI version, or 0.</summary>
    public static int Abi { get; } = Probe();

    /// <summary>Skips the calling test unless the kernel offers at least <paramref name="abi"/>.</summary>
    public static void RequireAbi(int abi)
    {
        if (Abi < abi)
        {
            Xunit.Assert.Skip($"needs Linux Landlock ABI {abi} (this kernel offers {Abi}); docs/security.md lists what is not confined without it");
        }
    }

    private static int Probe()
    {
        if (!OperatingSystem.IsLinux() || !(RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64))
        {
            return 0;
        }

        long abi = Syscall(444, 0, 0, 1); // landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)
        return abi > 0 ? (int)abi : 0;
    }

    // DllImport, not LibraryImport: the test projects compile without unsafe code, and these arguments are blittable.
    [DllImport("libc", EntryPoint = "syscall")]
    private static extern long Syscall(long number, long a, long b, long c);
}
