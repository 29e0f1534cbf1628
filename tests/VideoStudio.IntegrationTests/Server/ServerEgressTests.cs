using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// SSRF over real HTTP: a caller names a service on the server's own loopback (and one that redirects there); the
/// server refuses the URL without connecting, and the answer says "not allowed", nothing about what is there.
/// </summary>
public sealed class ServerEgressTests
{
    [Fact]
    public async Task Validate_MediaUrlOnServersLoopback_RefusedAndNeverFetched()
    {
        int hits = 0;
        await using WebApplication inside = await StartInternalServiceAsync(_ => Interlocked.Increment(ref hits));
        await using ServerHarness h = await ServerHarness.StartAsync(probeRemoteMedia: true);
        string url = inside.Urls.First() + "/admin/still.png";

        JsonNode view = await h.JsonAsync(await h.Client().PostAsync(new Uri("/v1/validate", UriKind.Relative),
            ServerHarness.Body(new { model = "alibaba/wan-2.5/image-to-video", input = new JsonObject { ["image"] = url, ["prompt"] = "x", ["duration"] = 5 } }), h.Token));

        view["valid"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode error = view["errors"]!.AsArray().ShouldHaveSingleItem()!;
        error["code"]!.GetValue<string>().ShouldBe("media_url_not_allowed");
        error["message"]!.GetValue<string>().ShouldContain("not allowed");
        Volatile.Read(ref hits).ShouldBe(0);
    }

    [Fact]
    public async Task Estimate_MediaUrlOnServersLoopback_SameAnswerWhetherSomethingListensOrNot()
    {
        await using WebApplication inside = await StartInternalServiceAsync(_ => { });
        await using ServerHarness h = await ServerHarness.StartAsync(probeRemoteMedia: true);

        async Task<string> AnswerFor(string url) => (await h.JsonAsync(await h.Client().PostAsync(new Uri("/v1/estimate", UriKind.Relative),
            ServerHarness.Body(new { model = "lightricks/ltx-2-retake", input = new JsonObject { ["video"] = url, ["prompt"] = "x", ["mode"] = "replace_video" } }), h.Token)))["errors"]!.ToJsonString();

        string listening = await AnswerFor(inside.Urls.First() + "/clip.mp4");
        string closed = await AnswerFor("http://127.0.0.1:9/clip.mp4");

        listening.ShouldBe(closed);
        listening.ShouldContain("not allowed");
    }

    private static async Task<WebApplication> StartInternalServiceAsync(Action<HttpContext> onRequest)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.Run(context =>
        {
            onRequest(context);
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            return context.Response.WriteAsync("internal secret", context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
