using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.Tests.Providers.WaveSpeed;

public sealed class PredictionStatusParserTests
{
    [Theory]
    [InlineData("created", ProviderTaskStatus.Created)]
    [InlineData("processing", ProviderTaskStatus.Processing)]
    [InlineData("completed", ProviderTaskStatus.Completed)]
    [InlineData(" Completed ", ProviderTaskStatus.Completed)]
    [InlineData("failed", ProviderTaskStatus.Failed)]
    [InlineData("cancelled", ProviderTaskStatus.Cancelled)]
    [InlineData("timeout", ProviderTaskStatus.TimedOut)]
    [InlineData("deleted", ProviderTaskStatus.Deleted)]
    public void Parse_DocumentedStatus_Mapped(string raw, ProviderTaskStatus expected)
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
        PredictionStatusParser.Parse(raw).ShouldBe(ProviderTaskStatus.Unknown);
    }
}
