using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Webhooks;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Tests.Jobs.Webhooks;

/// <summary>Signatures checked with the StandardWebhooks library's own verifier (not with our signer).</summary>
public sealed class WebhookSignerTests
{
    private static readonly string Old = WebhookSecrets.New();
    private static readonly string New = WebhookSecrets.New();

    private static HeaderDictionary Headers(string id, DateTimeOffset at, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    [Fact]
    public void Sign_DuringRotation_VerifiesWithEitherSecretAndNotAnother()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        const string body = "{\"type\":\"job.completed\"}";
        string signature = WebhookSigner.Sign("msg_1", now, body, [New, Old]);

        string[] each = signature.Split(' ');
        each.Length.ShouldBe(2);
        each.ShouldAllBe(s => s.StartsWith("v1,"));
        Should.NotThrow(() => new StandardWebhook(New).Verify(body, Headers("msg_1", now, signature)));
        // StandardWebhooks 1.1.2's Verify only reads the first of several signatures (its loop stops before the last
        // one), so the previous secret's signature is checked on its own here; the npm verifier (tests/webhooks)
        // takes the whole header.
        Should.NotThrow(() => new StandardWebhook(Old).Verify(body, Headers("msg_1", now, each[1])));
        Should.Throw<Exception>(() => new StandardWebhook(WebhookSecrets.New()).Verify(body, Headers("msg_1", now, signature)));
        Should.Throw<Exception>(() => new StandardWebhook(New).Verify(body + " ", Headers("msg_1", now, signature)));
        Should.Throw<Exception>(() => new StandardWebhook(New).Verify(body, Headers("msg_2", now, signature)));
    }

    [Fact]
    public void New_Secret_IsWhsecWith32RandomBytes()
    {
        string secret = WebhookSecrets.New();

        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);
        WebhookSecrets.New().ShouldNotBe(secret);
    }

    [Fact]
    public void For_EveryJobState_StableSnakeCaseEventType()
    {
        Enum.GetValues<JobState>().Select(WebhookEventTypes.For).ShouldBe([
            "job.queued", "job.uploading", "job.submitting", "job.processing", "job.downloading",
            "job.completed", "job.failed", "job.cancelled", "job.needs_decision"]);
    }

    [Fact]
    public void For_JobWithSignedUrls_PayloadIsThePublicViewWithoutSecrets()
    {
        JobRecord job = StoreRecords.Queued() with
        {
            Input = Redaction.Input(new System.Text.Json.Nodes.JsonObject { ["image"] = "http://127.0.0.1:9/a.png?X-Amz-Signature=abc123" }),
            Outputs = [new JobOutput(Redaction.Url("http://user:pw@127.0.0.1:9/out.mp4?token=t0k"), null, null, null)],
            Webhook = Redaction.Url("http://127.0.0.1:9/hook?key=h00k"),
            WebhookTarget = "http://127.0.0.1:9/hook?key=h00k",
        };

        string payload = WebhookPayload.For(job.MoveTo(JobState.Completed, StoreRecords.Now));

        System.Text.Json.Nodes.JsonNode body = System.Text.Json.Nodes.JsonNode.Parse(payload)!;
        body["type"]!.GetValue<string>().ShouldBe("job.completed");
        body["timestamp"]!.GetValue<string>().ShouldBe("2026-03-15T12:00:00.0000000Z");
        body["data"]!["id"]!.GetValue<string>().ShouldBe(job.Id);
        body["data"]!["state"]!.GetValue<string>().ShouldBe("completed");
        foreach (string secret in new[] { "abc123", "t0k", "pw", "h00k", "webhookTarget" })
        {
            payload.ShouldNotContain(secret);
        }
    }

    [Fact]
    public void For_StoredJob_DataIsTheJobViewWithoutTheStoresOwnFields()
    {
        JobRecord job = StoreRecords.Queued() with { ProviderInput = [], InputFingerprint = "f1", SubmitAttempts = 1, Version = 7 };

        var data = System.Text.Json.Nodes.JsonNode.Parse(WebhookPayload.For(job))!["data"]!.AsObject();

        data.Select(p => p.Key).ShouldBe(Json.Options.GetTypeInfo(typeof(JobView)).Properties.Select(p => p.Name), ignoreOrder: true);
        foreach (string field in new[] { "providerInput", "inputFingerprint", "submitAttempts", "version", "provider" })
        {
            data.ContainsKey(field).ShouldBeFalse(field);
        }
    }
}
