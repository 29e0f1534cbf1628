namespace VideoStudio.Engine.Providers.Local.Operations;

/// <summary>Keeps <c>start</c> to <c>end</c> (or <c>duration</c> seconds from <c>start</c>), re-encoded for frame accuracy.</summary>
public sealed class Trim : LocalOperation
{
    /// <inheritdoc />
    public override string ModelId => "videostudio/edit/trim";

    /// <inheritdoc />
    public override IReadOnlyList<string> Arguments(OperationContext context)
    {
        double length = context.FactsOf("video").Seconds;
        double start = context.Number("start", 0, 0, length);
        double end = context.OptionalNumber("end", 0, 86_400) ?? (context.OptionalNumber("duration", 0.05, 86_400) is double d ? start + d : length);
        if (end <= start)
        {
            throw new LocalOperationException($"'end' ({N(end)} s) must come after 'start' ({N(start)} s).");
        }

        return ["-ss", N(start), "-i", context.File("video"), "-t", N(Math.Min(end, length) - start), .. H264, .. Aac, context.OutputPath];
    }
}
