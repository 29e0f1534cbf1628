using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Drift;
using VideoStudio.Engine.Plugins;

namespace VideoStudio.Simulator.Tasks;

/// <summary>
/// How long a simulated task takes: the model's manifest <c>processing</c> profile (expected seconds, plus its
/// per-media-second cost when the input media was probed) × <see cref="SimulatorOptions.LatencyScale"/>, or the
/// fixed override. The first tenth is spent <c>created</c>, the rest <c>processing</c>.
/// </summary>
internal sealed class LatencyModel(SimulatorOptions options)
{
    public TimeSpan For(ModelDefinition model, IReadOnlyDictionary<string, double> mediaSeconds)
    {
        if (options.FixedLatency is TimeSpan fixedLatency)
        {
            return fixedLatency;
        }

        double seconds = model.Processing.ExpectedSeconds;
        if (model.Processing.PerMediaSecond is { } scaling && mediaSeconds.TryGetValue(scaling.Field, out double media))
        {
            seconds = Math.Max(seconds, scaling.TypicalSeconds * media);
        }

        return TimeSpan.FromSeconds(seconds * options.LatencyScale);
    }

    public static TimeSpan CreatedPhase(TimeSpan total) => total / 10;
}
