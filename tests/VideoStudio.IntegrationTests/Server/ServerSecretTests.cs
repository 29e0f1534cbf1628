using System.Net;
using System.Text.Json.Nodes;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>A password in a media URL is a secret: the job's record and every answer about it leave it out.</summary>
public sealed class ServerSecretTests
{
    private static readonly Uri Jobs = new("/v1/jobs", UriKind.Relative);

    [Fact]
    public async Task SubmitJob_PasswordInMediaUrl_NotInAnyJobAnswer()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        var input = new JsonObject { ["image"] = "http://user:hunter2@127.0.0.1:9/still.png", ["prompt"] = "a paper boat", ["duration"] = 5 };
        HttpClient client = h.Client();

        HttpResponseMessage submitted = await client.PostAsync(Jobs, ServerHarness.Body(new { model = "alibaba/wan-2.5/image-to-video", input }), h.Token);
        string submitText = await submitted.Content.ReadAsStringAsync(h.Token);
        string listText = await client.GetStringAsync(Jobs, h.Token);

        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted, submitText);
        string id = JsonNode.Parse(submitText)!["id"]!.GetValue<string>();
        string oneText = await client.GetStringAsync(new Uri($"/v1/jobs/{id}", UriKind.Relative), h.Token);
        foreach (string text in new[] { submitText, listText, oneText })
        {
            text.ShouldNotContain("hunter2");
            text.ShouldNotContain("user:");
        }

        listText.ShouldContain("127.0.0.1:9/still.png");
    }

    [Fact]
    public async Task Validate_PasswordInMediaUrl_NotEchoedInTheAnswer()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        var input = new JsonObject { ["image"] = "http://user:hunter2@127.0.0.1:9/still.png?sig=s3cret", ["prompt"] = "a paper boat", ["duration"] = 5 };

        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/validate", UriKind.Relative), ServerHarness.Body(new { model = "alibaba/wan-2.5/image-to-video", input }), h.Token);
        string text = await response.Content.ReadAsStringAsync(h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldNotContain("hunter2");
        text.ShouldNotContain("s3cret");
        text.ShouldContain("127.0.0.1:9/still.png?[redacted]");
    }
}
