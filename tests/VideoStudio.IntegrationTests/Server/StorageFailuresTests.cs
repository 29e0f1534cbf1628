using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

public sealed class StorageFailuresTests
{
    [Fact]
    public async Task IsOutOfSpace_RealWriteToDevFull_IsTrue()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full (Linux)");
        IOException error = await Should.ThrowAsync<IOException>(async () =>
        {
            await using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, useAsync: true);
            await full.WriteAsync(new byte[4096], TestContext.Current.CancellationToken);
            await full.FlushAsync(TestContext.Current.CancellationToken);
        });

        StorageFailure.IsOutOfSpace(error).ShouldBeTrue();
        StorageFailure.IsOutOfSpace(new InvalidOperationException("wrapped", error)).ShouldBeTrue();
    }

    [Fact]
    public void IsOutOfSpace_SqliteFull_IsTrueAndOtherErrorsAreNot()
    {
        StorageFailure.IsOutOfSpace(new SqliteException("database or disk is full", 13)).ShouldBeTrue();
        StorageFailure.IsOutOfSpace(new SqliteException("busy", 5)).ShouldBeFalse();
        StorageFailure.IsOutOfSpace(new IOException("bad multipart")).ShouldBeFalse();
    }

    [Fact]
    public async Task Problem_OutOfSpace_Is507ProblemWithPath()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await StorageFailures.Problem("the upload").ExecuteAsync(context);

        context.Response.StatusCode.ShouldBe(StatusCodes.Status507InsufficientStorage);
        context.Response.ContentType.ShouldBe("application/problem+json");
        context.Response.Body.Position = 0;
        string text = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        text.ShouldContain($"\"type\":\"{ProblemResults.TypePrefix}{ErrorCodes.StorageFull}\"");
        text.ShouldContain($"\"code\":\"{ErrorCodes.StorageFull}\"");
        text.ShouldContain("\"path\":\"$\"");
    }
}
