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

    /// <summary>Null when FFmpeg answers <c>-version</c>; else why it cannot run, in one line.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        foreach (string tool in new[] { options.FfmpegPath, options.FfprobePath })
        {
            try
            {
                BufferedCommandResult result = await Cli.Wrap(tool).WithArguments(["-version"]).WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(cancellationToken).ConfigureAwait(false);
                if (result.ExitCode != 0)
                {
                    return $"{tool} -version exited with code {result.ExitCode}.";
                }
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return $"FFmpeg is not available: '{tool}' could not be started ({ex.Message}). Install FFmpeg or set VideoStudio:LocalOperations:FfmpegPath and FfprobePath.";
            }
        }

        return null;
    }

    /// <summary>The last meaningful line of a tool's error output (FFmpeg puts the reason last), bounded in length.</summary>
    public static string OneLine(string errorOutput, string fallback)
    {
        string? last = errorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("Conversion failed", StringComparison.Ordinal));
        string line = string.IsNullOrWhiteSpace(last) ? fallback : last;
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
