using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Validation;

namespace VideoStudio.IntegrationTests.Providers.Local;

/// <summary>
/// Local work reads only files on this machine: a URL in its media field is refused when the request is validated,
/// naming the field, not accepted and then retried by the job until its deadline (as it was).
/// </summary>
public sealed class LocalMediaUrlTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("local-url-").FullName;

    [Fact]
    public async Task ValidateAsync_LocalOperationGivenAUrl_ErrorNamingTheFieldAndWhatItTakes()
    {
        var services = new ServiceCollection();
        services.AddVideoStudio(configure: o => o.CatalogCacheDirectory = Path.Combine(directory, "cache"));
        await using ServiceProvider container = services.BuildServiceProvider();
        IVideoStudio studio = container.GetRequiredService<IVideoStudio>();
        var input = new JsonObject { ["video"] = "http://127.0.0.1:9/clip.mp4", ["start"] = 1, ["end"] = 2 };

        ValidationReport local = await studio.ValidateAsync("videostudio/edit/trim", input, TestContext.Current.CancellationToken);
        ValidationReport paid = await studio.ValidateAsync("wavespeed-ai/flashvsr", new JsonObject { ["video"] = "http://127.0.0.1:9/clip.mp4" }, TestContext.Current.CancellationToken);

        ValidationIssue issue = local.Errors.ShouldHaveSingleItem();
        issue.Path.ShouldBe("/video");
        issue.Code.ShouldBe(ErrorCodes.MediaUrlNotAllowed);
        issue.Message.ShouldContain("upload the file first");
        paid.Errors.Concat(paid.Warnings).ShouldNotContain(i => i.Message.Contains("runs on this machine"), "a provider's model takes URLs");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
