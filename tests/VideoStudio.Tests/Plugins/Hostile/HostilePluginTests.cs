using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Plugins;
using VideoStudio.Engine.Pricing;
using VideoStudio.Engine.Validation;
using VideoStudio.TestSupport;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Plugins.Hostile;

/// <summary>
/// Hostile plugins, built in the test run, beside a copy of LTX-2 (which also runs in a worker here, not being built
/// in): whatever the hostile code does, the call fails closed naming its plugin, the host keeps its memory and serves
/// the other models, and nothing of the host's environment reaches an answer.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostilePluginTests : IDisposable
{
    private const string SecretName = "VIDEOSTUDIO_HOSTILE_TEST_SECRET";
    private const string Other = "lightricks/ltx-2-pro/text-to-video";
    private static readonly string Secret = "vs-secret-" + Guid.NewGuid().ToString("N");
    private readonly TempDirectory plugins = new();
    private ServiceProvider? services;

    static HostilePluginTests() => Environment.SetEnvironmentVariable(SecretName, Secret);

    public void Dispose()
    {
        services?.Dispose();
        plugins.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IVideoStudio Start(string kind, string? attack = null, string constructor = "", Action<PluginLimits>? limits = null, bool always = false)
    {
        PluginFolderFiles.CopyDirectory(Path.Combine(TestPaths.Plugins, "Ltx2"), Path.Combine(plugins.Path, "Ltx2"));
        HostilePlugin.Build(plugins.Path, kind, attack ?? (HostilePlugin.Attacks.ContainsKey(kind) ? null : "return Array.Empty<ValidationIssue>();"), constructor, always);
        services = EngineFactory.Create(plugins.Path, limits: l =>
        {
            l.CallTimeout = TimeSpan.FromSeconds(2);
            limits?.Invoke(l);
        });
        return services.GetRequiredService<IVideoStudio>();
    }

    private static JsonObject Input(string prompt) => new() { ["prompt"] = prompt, ["duration"] = 6 };

    private static async Task<ValidationReport> AttackAsync(IVideoStudio studio, string kind, string prompt = "attack") =>
        await studio.ValidateAsync(HostilePlugin.ModelId(kind), Input(prompt), Ct);

    private static async Task OthersStillServeAsync(IVideoStudio studio)
    {
        ValidationReport other = await studio.ValidateAsync(Other, Input("A paper boat drifting down a gutter stream"), Ct);
        other.Valid.ShouldBeTrue();
        (await studio.EstimateAsync(Other, Input("A paper boat"), cancellationToken: Ct)).Estimate!.TotalUsd.ShouldNotBeNull();
    }

    private static string AllText(ValidationReport report) =>
        string.Join("\n", report.Errors.Concat(report.Warnings).Select(i => i.Message));

    private static async Task<PluginInfo> StatusAsync(IVideoStudio studio, string kind) =>
        (await studio.SnapshotAsync(Ct)).Plugins.Single(p => p.Id == HostilePlugin.PluginId(kind));

    [Fact]
    public async Task Validate_RuleReadsEnvironment_SeesNoHostVariable()
    {
        IVideoStudio studio = Start("env");

        ValidationReport report = await AttackAsync(studio, "env");

        string seen = AllText(report);
        seen.ShouldContain("HOME="); // the rule ran and read its environment
        seen.ShouldNotContain(Secret);
        seen.ShouldNotContain(SecretName);
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleAllocatesWithoutEnd_FailsClosedAndHostMemoryStaysFlat()
    {
        IVideoStudio studio = Start("allocate");
        await OthersStillServeAsync(studio);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        for (int i = 0; i < 3; i++)
        {
            ValidationReport report = await AttackAsync(studio, "allocate");
            report.Valid.ShouldBeFalse();
            report.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.allocate'");
        }

        (GC.GetTotalMemory(forceFullCollection: true) - before).ShouldBeLessThan(64L * 1024 * 1024);
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleSpins_WorkerKilledPluginDegradedThenStopped()
    {
        IVideoStudio studio = Start("spin");

        ValidationReport first = await AttackAsync(studio, "spin");

        first.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.spin' did not finish within 2 s and its worker was killed");
        (await StatusAsync(studio, "spin")).Status.ShouldBe(PluginStatus.Degraded);
        await AttackAsync(studio, "spin");
        await AttackAsync(studio, "spin");
        var stopwatch = Stopwatch.StartNew();
        ValidationReport stopped = await AttackAsync(studio, "spin", "a harmless prompt");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1)); // the breaker answers at once
        stopped.Errors.ShouldHaveSingleItem().Message.ShouldContain("stopped");
        (await StatusAsync(studio, "spin")).Reason!.ShouldContain("until plugins are reloaded");
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleExits_HostSurvivesAndNextCallStartsNewWorker()
    {
        IVideoStudio studio = Start("exit");

        ValidationReport report = await AttackAsync(studio, "exit");

        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("exited (code 0)");
        (await AttackAsync(studio, "exit", "a harmless prompt")).Valid.ShouldBeTrue();
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Discover_RuleExitsInConstructor_CodeFailedWithReasonAndOthersActive()
    {
        IVideoStudio studio = Start("ctor", attack: "return Array.Empty<ValidationIssue>();", constructor: "Environment.Exit(0);");

        PluginInfo hostile = await StatusAsync(studio, "ctor");

        hostile.Status.ShouldBe(PluginStatus.CodeFailed);
        hostile.Reason!.ShouldContain("exited (code 0) while activating its code");
        (await studio.SnapshotAsync(Ct)).Plugins.Single(p => p.Id == "videostudio.ltx2").Status.ShouldBe(PluginStatus.Active);
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task CheckFolder_RuleExitsInConstructor_FailsWithReason()
    {
        Start("ctor", attack: "return Array.Empty<ValidationIssue>();", constructor: "Environment.Exit(0);");

        PluginCatalog checkedFolder = await services!.GetRequiredService<PluginDiscovery>().CheckFolderAsync(Path.Combine(plugins.Path, "hostile-ctor"), Ct);

        PluginInfo info = checkedFolder.Plugins.ShouldHaveSingleItem();
        info.Status.ShouldBe(PluginStatus.CodeFailed);
        info.Reason!.ShouldContain("exited (code 0)");
    }

    [Fact]
    public async Task Validate_RuleWritesOutsideItsFolder_NothingWritten()
    {
        IVideoStudio studio = Start("write");
        string target = Path.Combine(plugins.Path, "escaped.txt");

        ValidationReport report = await AttackAsync(studio, "write", "attack " + target);

        report.Valid.ShouldBeFalse();
        (File.Exists(target) ? File.ReadAllText(target) : string.Empty).ShouldBeEmpty();
        if (LandlockProbe.Abi >= 1)
        {
            File.Exists(target).ShouldBeFalse(); // confined: not even an empty file
        }

        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleReadsAFileOutsideItsFolder_Refused()
    {
        LandlockProbe.RequireAbi(1);
        using var data = new TempDirectory();
        string stored = Path.Combine(data.Path, "jobs.db");
        await File.WriteAllTextAsync(stored, Secret, Ct);
        IVideoStudio studio = Start("read");

        ValidationReport report = await AttackAsync(studio, "read", "attack " + stored);

        report.Valid.ShouldBeFalse();
        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.read'");
        AllText(report).ShouldNotContain(Secret);
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleReadsTheHostsEnvironmentThroughProc_Refused()
    {
        LandlockProbe.RequireAbi(1);
        IVideoStudio studio = Start("parent");

        ValidationReport report = await AttackAsync(studio, "parent");

        report.Valid.ShouldBeFalse();
        AllText(report).ShouldNotContain("PATH=");
    }

    [Fact]
    public async Task Validate_RuleConnectsToALoopbackPort_Refused()
    {
        LandlockProbe.RequireAbi(4);
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        IVideoStudio studio = Start("connect");

        ValidationReport report = await AttackAsync(studio, "connect", "attack " + ((System.Net.IPEndPoint)listener.LocalEndpoint).Port);

        report.Valid.ShouldBeFalse();
        AllText(report).ShouldNotContain("connected");
        listener.Pending().ShouldBeFalse();
    }

    [Fact]
    public async Task Validate_RuleSignalsItsHost_Refused()
    {
        LandlockProbe.RequireAbi(6);
        IVideoStudio studio = Start("signal");

        ValidationReport report = await AttackAsync(studio, "signal");

        AllText(report).ShouldContain("may not signal its host");
    }

    [Fact]
    public async Task Validate_RuleAnswers100MB_CallFailsAtTheAnswerLimit()
    {
        // Time and memory enough for the worker to build and send its 100 MB: the answer limit is what stops it.
        IVideoStudio studio = Start("flood", limits: l =>
        {
            l.WorkerMemoryBytes = 1024L * 1024 * 1024;
            l.CallTimeout = TimeSpan.FromSeconds(60);
        });
        long before = GC.GetTotalMemory(forceFullCollection: true);

        ValidationReport report = await AttackAsync(studio, "flood");

        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("answered more than 4194304 bytes");
        (GC.GetTotalMemory(forceFullCollection: true) - before).ShouldBeLessThan(64L * 1024 * 1024);
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleThrows_FailsClosedWithoutThePluginsText()
    {
        IVideoStudio studio = Start("throw");

        ValidationReport report = await AttackAsync(studio, "throw");

        string message = report.Errors.ShouldHaveSingleItem().Message;
        message.ShouldContain("threw InvalidOperationException");
        message.ShouldNotContain("the secret is");
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleWritesGarbageToTheRpcStream_FailsClosedAsMalformed()
    {
        IVideoStudio studio = Start("garble");

        ValidationReport report = await AttackAsync(studio, "garble");

        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.garble'");
        (await AttackAsync(studio, "garble", "a harmless prompt")).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task EstimateExample_PluginStopped_CardStillAnsweredFromLoad()
    {
        IVideoStudio studio = Start("exit", limits: l => l.FailuresBeforeStop = 1);
        await AttackAsync(studio, "exit");
        (await StatusAsync(studio, "exit")).Reason!.ShouldContain("stopped");

        EstimateReport example = await studio.EstimateExampleAsync(HostilePlugin.ModelId("exit"), Ct);

        example.Validation.Valid.ShouldBeTrue();
        example.Estimate!.TotalUsd.ShouldNotBeNull();
    }

    [Fact]
    public async Task Reload_PluginWithWorker_OldWorkerEnded()
    {
        IVideoStudio studio = Start("exit");
        PluginCatalog before = await studio.SnapshotAsync(Ct);
        using Process worker = Process.GetProcessById(before.Workers.Of(HostilePlugin.PluginId("exit"))!.ProcessId!.Value);

        await services!.GetRequiredService<PluginCatalogHolder>().ReloadAsync(Ct);

        worker.WaitForExit(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        (await AttackAsync(studio, "exit", "a harmless prompt")).Valid.ShouldBeTrue();
    }

    [Fact]
    public async Task Validate_RuleCrashes_FailsClosedAndNextCallStartsNewWorker()
    {
        IVideoStudio studio = Start("crash");

        ValidationReport report = await AttackAsync(studio, "crash");

        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.crash'");
        report.Errors[0].Message.ShouldContain("exited (code");
        (await StatusAsync(studio, "crash")).Status.ShouldBe(PluginStatus.Degraded);
        (await AttackAsync(studio, "crash", "a harmless prompt")).Valid.ShouldBeTrue();
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleHangs_WorkerKilledAtTheBudget()
    {
        IVideoStudio studio = Start("hang");
        using Process worker = Process.GetProcessById(WorkerOf(await studio.SnapshotAsync(Ct), "hang").ProcessId!.Value);

        ValidationReport report = await AttackAsync(studio, "hang");

        report.Errors.ShouldHaveSingleItem().Message.ShouldContain("'hostile.hang' did not finish within 2 s and its worker was killed");
        worker.WaitForExit(TimeSpan.FromSeconds(10)).ShouldBeTrue(); // killed, not abandoned
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Validate_RuleFloodsStdoutAndStderr_AnswerArrivesAndHostMemoryStaysFlat()
    {
        IVideoStudio studio = Start("chatter", limits: l => l.CallTimeout = TimeSpan.FromSeconds(30));
        await OthersStillServeAsync(studio);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        ValidationReport report = await AttackAsync(studio, "chatter");

        report.Valid.ShouldBeTrue(AllText(report));
        AllText(report).ShouldBe("chattered"); // 16 MiB of its output was drained and dropped, none of it answered
        (GC.GetTotalMemory(forceFullCollection: true) - before).ShouldBeLessThan(32L * 1024 * 1024);
    }

    [Fact]
    public async Task Discover_RuleThrowsInConstructor_CodeFailedWithReasonAndOthersActive()
    {
        IVideoStudio studio = Start("ctorthrow", attack: "return Array.Empty<ValidationIssue>();", constructor: "throw new InvalidOperationException(\"no\");");

        PluginInfo hostile = await StatusAsync(studio, "ctorthrow");

        hostile.Status.ShouldBe(PluginStatus.CodeFailed);
        hostile.Reason!.ShouldContain("InvalidOperationException");
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Worker_Started_EnvironmentIsTheAllowListWorkingDirectoryPrivateAndCapsApplied()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "a worker's environment, directory and limits are read from /proc");
        IVideoStudio studio = Start("env", limits: l =>
        {
            l.WorkerCpuSeconds = 123;
            l.WorkerOpenFiles = 200;
            l.WorkerFileBytes = 4096;
        });
        PluginInfo status = await StatusAsync(studio, "env");
        status.Status.ShouldBe(PluginStatus.Active, status.Reason);
        int pid = WorkerOf(await studio.SnapshotAsync(Ct), "env").ProcessId!.Value;

        string[] names = (await File.ReadAllTextAsync($"/proc/{pid}/environ", Ct)).Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(v => v[..v.IndexOf('=')]).ToArray();
        names.ShouldBeSubsetOf(["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "DOTNET_ROOT", "HOME", "USERPROFILE", "TMPDIR", "TEMP", "TMP",
            "DOTNET_GCHeapHardLimit", "DOTNET_gcServer", "DOTNET_EnableDiagnostics", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT"]);
        (await File.ReadAllTextAsync($"/proc/{pid}/environ", Ct)).ShouldContain("DOTNET_GCHeapHardLimit=0x10000000");
        string cwd = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)!.FullName;
        cwd.ShouldStartWith(Path.Combine(Path.GetTempPath(), "videostudio-plugin-hostile.env-"));
        ((OperatingSystem.IsLinux() ? File.GetUnixFileMode(cwd) : UnixFileMode.None) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)).ShouldBe(UnixFileMode.None);
        string[] limits = await File.ReadAllLinesAsync($"/proc/{pid}/limits", Ct);
        Limit(limits, "Max cpu time").ShouldBe(["123", "123"]);
        Limit(limits, "Max open files").ShouldBe(["200", "200"]);
        Limit(limits, "Max file size").ShouldBe(["4096", "4096"]);
        Limit(limits, "Max core file size").ShouldBe(["0", "0"]);
        Limit(limits, "Max address space")[0].ShouldNotBe("unlimited");
    }

    [Fact]
    public async Task Reload_PluginStoppedByTheBreaker_CalledAgainAfterReload()
    {
        IVideoStudio studio = Start("exit", limits: l => l.FailuresBeforeStop = 1);
        await AttackAsync(studio, "exit");
        (await AttackAsync(studio, "exit", "a harmless prompt")).Errors.ShouldHaveSingleItem().Message.ShouldContain("stopped");

        await services!.GetRequiredService<PluginCatalogHolder>().ReloadAsync(Ct);

        (await AttackAsync(studio, "exit", "a harmless prompt")).Valid.ShouldBeTrue();
        (await StatusAsync(studio, "exit")).Status.ShouldBe(PluginStatus.Active);
    }

    [Fact]
    public async Task Reload_PluginFolderRemoved_WorkerEnded()
    {
        IVideoStudio studio = Start("allocate");
        await AttackAsync(studio, "allocate");
        (await AttackAsync(studio, "allocate", "a harmless prompt")).Valid.ShouldBeTrue(); // a worker runs again, whether the first ended or not
        using Process worker = Process.GetProcessById(WorkerOf(await studio.SnapshotAsync(Ct), "allocate").ProcessId!.Value);

        Directory.Delete(Path.Combine(plugins.Path, "hostile-allocate"), recursive: true);
        await services!.GetRequiredService<PluginCatalogHolder>().ReloadAsync(Ct);

        worker.WaitForExit(TimeSpan.FromSeconds(10)).ShouldBeTrue();
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task ReadModelsCardsAndSchemas_AfterTheCodeExited_WorkerNeverCalledNorStarted()
    {
        IVideoStudio studio = Start("exit");
        Engine.Plugins.Isolation.PluginWorker worker = WorkerOf(await studio.SnapshotAsync(Ct), "exit");
        await AttackAsync(studio, "exit");
        int calls = worker.Calls;
        worker.ProcessId.ShouldBeNull(); // the code exited its worker

        for (int i = 0; i < 3; i++)
        {
            (await studio.GetCatalogAsync(Ct)).Registry.Find(HostilePlugin.ModelId("exit")).Schema.ShouldNotBeNull();
            (await studio.EstimateExampleAsync(HostilePlugin.ModelId("exit"), Ct)).Estimate!.TotalUsd.ShouldNotBeNull(); // the card's example, kept from load
        }

        worker.Calls.ShouldBe(calls);
        worker.ProcessId.ShouldBeNull(); // no read started it again
    }

    [Fact]
    public async Task Discover_CodeExitsOnItsCardExample_CodeFailedAtLoadAndCardStillRead()
    {
        IVideoStudio studio = Start("exit", always: true);

        PluginInfo hostile = await StatusAsync(studio, "exit");

        hostile.Status.ShouldBe(PluginStatus.CodeFailed);
        hostile.Reason!.ShouldContain("failed on its card example at load");
        (await studio.SnapshotAsync(Ct)).Workers.Of(HostilePlugin.PluginId("exit")).ShouldBeNull(); // its worker is ended, none kept
        (await studio.GetCatalogAsync(Ct)).Registry.Find(HostilePlugin.ModelId("exit")).ShouldNotBeNull();
        await OthersStillServeAsync(studio);
    }

    [Fact]
    public async Task Discover_CodeThrowsOnItsCardExample_CodeFailedAtLoad()
    {
        IVideoStudio studio = Start("throw", always: true);

        PluginInfo hostile = await StatusAsync(studio, "throw");

        hostile.Status.ShouldBe(PluginStatus.CodeFailed);
        hostile.Reason!.ShouldContain("failed on its card example at load: the rule HostileRule threw InvalidOperationException");
        hostile.Reason!.ShouldNotContain("the secret is");
        await OthersStillServeAsync(studio);
    }

    private static Engine.Plugins.Isolation.PluginWorker WorkerOf(PluginCatalog catalog, string kind) =>
        catalog.Workers.Of(HostilePlugin.PluginId(kind)).ShouldNotBeNull();

    private static string[] Limit(string[] limits, string name) =>
        limits.Single(l => l.StartsWith(name + "  ", StringComparison.Ordinal))[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2];
}
