using VideoStudio.Contracts;
using VideoStudio.Engine.Egress;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Providers;
using VideoStudio.Engine.Providers.WaveSpeed;
using VideoStudio.Tests.Support;

namespace VideoStudio.Tests.Jobs.Webhooks;

public sealed class WebhookTargetsTests
{
    private static WebhookTargets Targets(EgressOptions egress) =>
        new(new EgressPolicy(new StaticMonitor<EgressOptions>(egress), [new WaveSpeedEgressTrust(new StaticMonitor<WaveSpeedOptions>(new WaveSpeedOptions { BaseUrl = new Uri("http://127.0.0.1:5999/") }))]));

    private static Task<ValidationIssue?> CheckAsync(EgressOptions egress, string url) => Targets(egress).CheckAsync(url, "webhook", TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task CheckAsync_NonPublicAddressByDefault_RefusedNamingTheField(string url)
    {
        ValidationIssue issue = (await CheckAsync(new EgressOptions(), url))!;

        issue.Path.ShouldBe("webhook");
        issue.Code.ShouldBe(ErrorCodes.WebhookNotAllowed);
        issue.Message.ShouldContain("AllowedHosts");
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative")]
    public async Task CheckAsync_NotHttp_Refused(string url) =>
        (await CheckAsync(new EgressOptions { AllowPrivateNetworks = true }, url))!.Code.ShouldBe(ErrorCodes.WebhookInvalid);

    [Fact]
    public async Task CheckAsync_UserInfo_RefusedWithoutEchoingThePassword()
    {
        ValidationIssue issue = (await CheckAsync(new EgressOptions { AllowPrivateNetworks = true }, "http://me:hunter2@127.0.0.1:8080/hook"))!;

        issue.Code.ShouldBe(ErrorCodes.WebhookInvalid);
        issue.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task CheckAsync_AllowListedLoopbackPort_AllowedOnlyOnThatPort()
    {
        var egress = new EgressOptions { AllowedHosts = ["127.0.0.1:8080"] };

        (await CheckAsync(egress, "http://127.0.0.1:8080/hook?token=x")).ShouldBeNull();
        (await CheckAsync(egress, "http://127.0.0.1:8081/hook")).ShouldNotBeNull();
    }
}
