using System.Text.Json.Nodes;
using VideoStudio.IntegrationTests.Crash;

namespace VideoStudio.IntegrationTests.Cli;

/// <summary>Runs the built `videostudio` as a real process (no WAVESPEED_API_KEY: the embedded simulator) and captures its output.</summary>
internal static class CliRun
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public JsonNode Json => JsonNode.Parse(StandardOutput) ?? throw new InvalidOperationException("no JSON on stdout: " + StandardError);
    }

    public static async Task<Outcome> RunAsync(string dataDirectory, params string[] args)
    {
        // Generous: on a loaded 2-core machine a Debug CLI (JIT, no ReadyToRun) takes seconds of CPU it may get slowly.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using ChildProcess child = ChildProcess.Start(["--data-dir", dataDirectory, .. args], new Dictionary<string, string>());
        int code = await child.WaitForExitAsync(timeout.Token);
        return new Outcome(code, child.StandardOutput, child.StandardError);
    }
}
