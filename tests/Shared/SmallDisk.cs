using System.Diagnostics;

namespace VideoStudio.TestSupport;

/// <summary>
/// A real, tiny filesystem (a tmpfs mounted on a temporary folder) that fills up like a full disk does: writes fail
/// with ENOSPC. <see cref="GrowAsync"/> frees room without unmounting, as an operator would. Needs root (CI runs as
/// root); <see cref="TryMountAsync"/> returns null elsewhere, and the test says why it is skipped.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Why a disk could not be mounted here (for the skip message).</summary>
    public static string Requirement => "needs root and permission to mount a tmpfs (as in CI)";

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> (rounded up to pages by the kernel), or null when this machine does not allow it.</summary>
    public static async Task<SmallDisk?> TryMountAsync(long bytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return null;
        }

        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "videostudio-small-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (await RunAsync("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path) != 0)
        {
            Directory.Delete(path);
            return null;
        }

        return new SmallDisk(path);
    }

    /// <summary>Gives the filesystem <paramref name="bytes"/> in total, keeping its files.</summary>
    public async Task GrowAsync(long bytes)
    {
        if (await RunAsync("mount", "-o", $"remount,size={bytes}", Path) != 0)
        {
            throw new InvalidOperationException($"remounting {Path} with {bytes} bytes failed");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using Process process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return -1;
        }
    }
}
