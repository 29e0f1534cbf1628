using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using VideoStudio.Contracts;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Telemetry;
using VideoStudio.IntegrationTests.Jobs;
using VideoStudio.Simulator;
using static VideoStudio.Engine.Presentation.ApiViews;

namespace VideoStudio.IntegrationTests.Telemetry;

/// <summary>
/// Whole jobs against the simulator, observed through OpenTelemetry's in-memory exporter exactly as an operator's
/// collector would see them: the <c>VideoStudio</c> meter and activity source, nothing else.
/// </summary>
[Collection(nameof(TelemetryListeners))]
public sealed class EngineTelemetryTests
{
    private const string Model = "lightricks/ltx-2-fast/text-to-video";

    [Fact]
    public async Task Job_RunToCompletion_CountsStatesSubmissionSpendAndTracesProviderCalls()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using MeterProvider meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(VideoStudioTelemetry.Name).AddInMemoryExporter(metrics).Build()!;
        using TracerProvider tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(VideoStudioTelemetry.Name).AddInMemoryExporter(spans).Build()!;
        await using JobHarness h = await JobHarness.StartAsync();

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        meterProvider.ForceFlush();
        tracerProvider.ForceFlush();

        job.State.ShouldBe(JobState.Completed, job.Error?.Message);
        foreach (string state in new[] { "queued", "submitting", "processing", "downloading", "completed" })
        {
            Sum(metrics, "videostudio.job.transitions", (TelemetryTags.Model, Model), (TelemetryTags.JobState, state)).ShouldBe(1, state);
        }

        Sum(metrics, "videostudio.provider.submissions", (TelemetryTags.Model, Model), (TelemetryTags.Outcome, "accepted")).ShouldBe(1);
        Sum(metrics, "videostudio.provider.result_polls").ShouldBe(h.Server.Stats.ResultGetsFor(job.PredictionId!));
        Sum(metrics, "videostudio.spend.settled", (TelemetryTags.Model, Model)).ShouldBe((double)job.FinalCostUsd!.Value, 1e-9);
        Sum(metrics, "videostudio.spend.held", (TelemetryTags.Model, Model)).ShouldBe((double)job.HoldUsd!.Value, 1e-9);
        Sum(metrics, "videostudio.provider.errors").ShouldBe(0);

        Activity submit = spans.Single(s => s.DisplayName == $"submit {Model}");
        submit.Kind.ShouldBe(ActivityKind.Client);
        submit.GetTagItem(TelemetryTags.Operation).ShouldBe("submit");
        submit.GetTagItem(TelemetryTags.Provider).ShouldBe("wavespeed");
        spans.ShouldContain(s => s.DisplayName == "download");
        spans.ShouldContain(s => s.DisplayName == $"videostudio.job {Model}" && (string?)s.GetTagItem(TelemetryTags.JobId) == job.Id);
        // Nothing secret or personal rides on a span: no URL, no owner, no input.
        spans.SelectMany(s => s.TagObjects).ShouldAllBe(t => !(t.Value is string && ((string)t.Value!).Contains("http", StringComparison.Ordinal)));
        spans.SelectMany(s => s.TagObjects).ShouldNotContain(t => Equals(t.Value, JobHarness.Owner));
    }

    [Fact]
    public async Task Job_ProviderBillsIt_ChargedCounterEqualsTheStoredCharge()
    {
        var metrics = new List<Metric>();
        using MeterProvider meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(VideoStudioTelemetry.Name).AddInMemoryExporter(metrics).Build()!;
        await using JobHarness h = await JobHarness.StartAsync(configure: o =>
        {
            o.ChargeLookupInterval = TimeSpan.FromMilliseconds(100);
            o.ChargeLookupDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
        });

        JobView job = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        for (int i = 0; i < 100 && job.Charge?.ChargedUsd is null; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), h.Token);
            job = (await h.Jobs.GetAsync(job.Id, job.Owner, h.Token))!;
        }

        meterProvider.ForceFlush();
        decimal charge = job.Charge.ShouldNotBeNull().ChargedUsd.ShouldNotBeNull("the simulator bills within seconds");
        Sum(metrics, "videostudio.spend.charged", (TelemetryTags.Model, Model)).ShouldBe((double)charge, 1e-9);
    }

    [Fact]
    public async Task Job_ProviderFailsThenBudgetRefuses_CountsErrorsByKindAndRefusals()
    {
        var metrics = new List<Metric>();
        using MeterProvider meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(VideoStudioTelemetry.Name).AddInMemoryExporter(metrics).Build()!;
        await using JobHarness h = await JobHarness.StartAsync();
        h.Server.Faults.Add(FaultRule.FailTask(1403));

        JobView failed = await h.WaitAsync(await h.SubmitAsync(Model, JobHarness.T2V()));
        await Should.ThrowAsync<BudgetExceededException>(() => h.SubmitAsync(Model, JobHarness.T2V(), maxCost: 0.0001m));
        meterProvider.ForceFlush();

        failed.State.ShouldBe(JobState.Failed);
        Sum(metrics, "videostudio.job.transitions", (TelemetryTags.JobState, "failed")).ShouldBe(1);
        Sum(metrics, "videostudio.budget.refusals", (TelemetryTags.Budget, "max-cost")).ShouldBe(1);
    }

    // The sum over every exported point of a metric whose tags include all of the given ones.
    private static double Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        double total = 0;
        foreach (Metric metric in metrics.Where(m => m.Name == name).GroupBy(m => m.Name).Select(g => g.Last()))
        {
            foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }

                if (tags.All(t => pointTags.TryGetValue(t.Key, out object? v) && Equals(v, t.Value)))
                {
                    total += metric.MetricType switch
                    {
                        MetricType.LongSum => point.GetSumLong(),
                        MetricType.DoubleSum => point.GetSumDouble(),
                        _ => throw new InvalidOperationException($"{name} is {metric.MetricType}"),
                    };
                }
            }
        }

        return total;
    }
}

/// <summary>OpenTelemetry listens by meter name across the process: tests that count must not run beside other jobs.</summary>
[CollectionDefinition(nameof(TelemetryListeners), DisableParallelization = true)]
public sealed class TelemetryListeners;
