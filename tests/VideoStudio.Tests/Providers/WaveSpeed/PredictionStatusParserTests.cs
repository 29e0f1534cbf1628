using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class PredictionStatusParserTests
{
    [Theory]
    [InlineData("created", PredictionStatus.Created)]
    [InlineData("processing", PredictionStatus.Processing)]
    [InlineData("completed", PredictionStatus.Completed)]
    [InlineData(" Completed ", PredictionStatus.Completed)]
    [InlineData("failed", PredictionStatus.Failed)]
    [InlineData("cancelled", PredictionStatus.Cancelled)]
    [InlineData("timeout", PredictionStatus.TimedOut)]
    [InlineData("deleted", PredictionStatus.Deleted)]
    public void Parse_DocumentedStatus_Mapped(string raw, PredictionStatus expected)
    {
        PredictionStatusParser.Parse(raw).ShouldBe(expected);
    }

    [Theory]
    [InlineData("succeeded")]
    [InlineData("success")]
    [InlineData("done")]
    [InlineData("queued")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UndocumentedStatus_Unknown(string? raw)
    {
        PredictionStatusParser.Parse(raw).ShouldBe(PredictionStatus.Unknown);
    }
}
