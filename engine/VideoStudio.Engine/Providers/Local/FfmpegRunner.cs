using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace VideoStudio.Engine.Providers.Local;

/// <summary>
/// Runs FFmpeg and FFprobe through CliWrap: every argument its own argv entry (no shell ever parses them), the
/// environment inherited, the run stopped past <see cref="LocalOperationsOptions.MaxRunTime"/>.
/// </summary>
internal sealed class FfmpegRunner(LocalOperationsOptions options)
{
    /// <summary>Runs FFmpeg with <paramref name="arguments"/>; returns null on success, else FFmpeg's reason in one line.</summary>
    public async Task<string?> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.MaxRunTime);
        var errors = new StringBuilder();
        try
        {
            CommandResult result = await Cli.Wrap(options.FfmpegPath)
                .WithArguments(["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments])
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(limit.Token)
                .ConfigureAwait(false);
            return result.ExitCode == 0 ? null : OneLine(errors.ToString(), $"FFmpeg exited with code {result.ExitCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"FFmpeg ran longer than the {options.MaxRunTime.TotalSeconds:0} s allowed (VideoStudio:LocalOperations:MaxRunTime) and was stopped.";
        }
    }

    /// <summary>FFprobe's JSON answer about <paramref name="path"/>'s streams and format.</summary>
    /// <exception cref="LocalOperationException">FFprobe could not read the file.</exception>
    public async Task<string> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        BufferedCommandResult result = await Cli.Wrap(options.FfprobePath)
            .WithArguments(["-v", "error", "-print_format", "json", "-show_streams", "-show_format", "--", path])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(limit.Token)
            .ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new LocalOperationException(OneLine(result.StandardError, $"FFprobe could not read {Path.GetFileName(path)}"));
    }

    /// <summary>
    /// Null when FFmpeg and FFprobe are found (a path, or a name on <c>PATH</c>, naming an executable file); else why
    /// they cannot run, in one line. A look-up, not a launch: reading the catalog (every `models` or `plugins`) asks
    /// this, and starting two processes there doubled a command's start. A binary that is found but cannot run fails
    /// the operation with its own reason.
    /// </summary>
    public Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (string tool in new[] { options.FfmpegPath, options.FfprobePath })
        {
            if (!IsFound(tool))
            {
                return Task.FromResult<string?>($"FFmpeg is not available: '{tool}' could not be started (no executable file {(IsPath(tool) ? "at that path" : "of that name on PATH")}). Install FFmpeg or set VideoStudio:LocalOperations:FfmpegPath and FfprobePath.");
            }
        }

        return Task.FromResult<string?>(null);
    }

    private static bool IsPath(string tool) => Path.IsPathRooted(tool) || tool.Contains('/') || tool.Contains(Path.DirectorySeparatorChar);

    private static bool IsFound(string tool) => IsPath(tool)
        ? IsExecutable(Path.GetFullPath(tool))
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(directory => OperatingSystem.IsWindows() ? new[] { Path.Combine(directory, tool), Path.Combine(directory, tool + ".exe") } : [Path.Combine(directory, tool)])
            .Any(IsExecutable);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    /// <summary>The last meaningful line of a tool's error output (FFmpeg puts the reason last), bounded in length.</summary>
    public static string OneLine(string errorOutput, string fallback)
    {
        string? last = errorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("Conversion failed", StringComparison.Ordinal));
        string line = string.IsNullOrWhiteSpace(last) ? fallback : last;
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
