using VideoStudio.Engine.Jobs;

namespace VideoStudio.Tests.Jobs;

/// <summary>What a job record or an event may say: no server path reaches a caller.</summary>
public sealed class RedactionTests
{
    [Theory]
    [InlineData("Could not find a part of the path '/srv/videostudio/outputs/job_1/output-0.mp4'.", "output-0.mp4")]
    [InlineData("Access to the path /mnt/shared/outputs/job_2.mp4.lease-3.part is denied", "job_2.mp4.lease-3.part")]
    [InlineData(@"The process cannot access the file 'C:\VideoStudio\data\videostudio.db' because it is being used", "videostudio.db")]
    public void Message_StorageErrorWithAServerPath_KeepsOnlyTheFileName(string message, string fileName)
    {
        string shown = Redaction.Message(message);

        shown.ShouldContain(fileName);
        shown.ShouldNotContain("/srv/");
        shown.ShouldNotContain("/mnt/");
        shown.ShouldNotContain(@"C:\");
    }

    [Fact]
    public void Message_Url_LeftAsItIs() =>
        Redaction.Message("GET http://127.0.0.1:5080/api/v3/predictions/p-1/result answered 503").ShouldBe("GET http://127.0.0.1:5080/api/v3/predictions/p-1/result answered 503");
}
