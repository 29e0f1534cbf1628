using VideoStudio.IntegrationTests.Crash;
using VideoStudio.TestSupport;

namespace VideoStudio.IntegrationTests.Plugins;

/// <summary>
/// <c>videostudio plugins check</c> as a real process on hostile plugin folders: it runs the code in a worker, as the
/// host will, and fails (exit 1, with the reason on stdout) when the code exits, hangs or throws in its constructor or
/// in a call (its card example's). It printed nothing and returned 0 for a constructor that exits, before.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PluginsCheckHostileTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "videostudio-check-hostile-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    [Theory]
    [InlineData("ctor", "Environment.Exit(0);", null, "exited (code 0) while activating its code")]
    [InlineData("ctor", "throw new InvalidOperationException(\"no\");", null, "InvalidOperationException")]
    [InlineData("ctor", "System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", null, "did not finish activating within 30 s")]
    [InlineData("exit", "", "exit", "exited (code 0)")]
    [InlineData("hang", "", "hang", "its worker was killed")]
    [InlineData("throw", "", "throw", "threw InvalidOperationException")]
    public async Task PluginsCheck_CodeFailsInConstructorOrCall_ExitsOneWithTheReason(string kind, string constructor, string? attack, string reason)
    {
        string folder = attack is null
            ? HostilePlugin.Build(root, kind, attack: "return Array.Empty<ValidationIssue>();", constructor: constructor)
            : HostilePlugin.Build(root, kind, always: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        await using ChildProcess check = ChildProcess.Start(["--data-dir", Path.Combine(root, "data"), "plugins", "check", folder], new Dictionary<string, string>
        {
            ["VideoStudio__PluginLimits__WorkerStartTimeout"] = "00:00:30", // a Debug worker starting on a loaded machine
            ["VideoStudio__PluginLimits__CallTimeout"] = "00:00:02",
        });

        int code = await check.WaitForExitAsync(timeout.Token);

        code.ShouldBe(1, check.StandardOutput + check.StandardError);
        check.StandardOutput.ShouldContain(HostilePlugin.PluginId(kind));
        check.StandardOutput.ShouldContain(reason, customMessage: check.StandardOutput);
    }
}
