using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace VideoStudio.Plugins.Acme.Tests;

/// <summary>
/// The host's own checks on the built plugin folder (`videostudio plugins check`): file limits, meta-schemas, prices
/// above 0, every card example validating and pricing, and the code loading with the host's contracts.
/// </summary>
public sealed class ConformanceTests
{
    private static string PluginFolder => typeof(ConformanceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginFolder").Value!;

    [Fact]
    public async Task PluginsCheck_BuiltFolder_IsActive()
    {
        (int exitCode, string output) = await RunCliAsync("plugins", "check", PluginFolder, "--json");

        Assert.True(exitCode == 0, output);
        using JsonDocument plugin = JsonDocument.Parse(output);
        Assert.Equal("active", plugin.RootElement.GetProperty("status").GetString());
    }

    // VIDEOSTUDIO_CLI names videostudio(.dll); otherwise the `videostudio` tool on PATH.
    private static async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        string cli = Environment.GetEnvironmentVariable("VIDEOSTUDIO_CLI") is { Length: > 0 } path ? path : "videostudio";
        var start = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { cli } } : new ProcessStartInfo(cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using Process process = Process.Start(start)!;
        string stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, stdout + (process.ExitCode == 0 ? string.Empty : stderr));
    }
}
