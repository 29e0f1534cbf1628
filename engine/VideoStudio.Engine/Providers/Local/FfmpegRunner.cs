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
    // FFmpeg names the files it read or wrote in its errors: the work directory is cut from them, so a job's error
    // says "tasks/<id>/captions.srt", never where the server keeps it.
    private readonly string? workDirectory = options.WorkDirectory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.WorkDirectory)) + Path.DirectorySeparatorChar;

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
            return result.ExitCode == 0 ? null : OneLine(Hide(errors.ToString()), $"FFmpeg exited with code {result.ExitCode}");
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
            : throw new LocalOperationException(OneLine(Hide(result.StandardError), $"FFprobe could not read {Path.GetFileName(path)}"));
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

    /// <summary>
    /// A tool's error output in one line, bounded in length: its first line (FFmpeg names the cause first, e.g.
    /// "Unable to open captions.srt") and, when there are more, its last (what it could then not do), each without
    /// FFmpeg's "[filter @ 0x…]" prefix; "Conversion failed!" says nothing and is left out.
    /// </summary>
    public static string OneLine(string errorOutput, string fallback)
    {
        ArgumentNullException.ThrowIfNull(errorOutput);
        string[] lines = [.. errorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Conversion failed", StringComparison.Ordinal))
            .Select(WithoutContext)
            .Where(l => l.Length > 0)];
        string line = lines.Length switch
        {
            0 => fallback,
            1 => lines[0],
            _ => lines[0] == lines[^1] ? lines[0] : $"{lines[0]}; {lines[^1]}",
        };
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    // "[Parsed_subtitles_0 @ 0x5566] Unable to open …" → "Unable to open …"
    private static string WithoutContext(string line) =>
        line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is > 0 and var end && line.AsSpan(0, end).Contains(" @ ", StringComparison.Ordinal)
            ? line[(end + 2)..].Trim()
            : line;

    private string Hide(string errorOutput) =>
        workDirectory is null ? errorOutput : errorOutput.Replace(workDirectory, string.Empty, StringComparison.Ordinal);
}
