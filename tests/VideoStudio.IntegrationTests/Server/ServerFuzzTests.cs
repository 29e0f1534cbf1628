using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Server.Http;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// The bounded fuzz suite over real HTTP on 127.0.0.1: no hostile request gets a 5xx, every /v1 error is a problem
/// (a 400 names the field in errors[].path) whose kind and codes are <see cref="ErrorCodes"/>, and the server is
/// healthy afterwards.
/// </summary>
public sealed class ServerFuzzTests
{
    private static readonly HashSet<string> Codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task HostileRequests_Corpus_NoServerErrorAndServerStaysHealthy()
    {
        await using ServerHarness h = await ServerHarness.StartAsync(timeout: TimeSpan.FromSeconds(180));
        HttpClient client = h.Client();
        var failures = new List<string>();
        int sent = 0;

        foreach (HostileRequests.Case request in HostileRequests.All())
        {
            sent++;
            using HttpRequestMessage message = request.ToMessage();
            using HttpResponseMessage response = await client.SendAsync(message, h.Token);
            string text = await response.Content.ReadAsStringAsync(h.Token);
            int status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add($"{request}: {status} {text[..Math.Min(text.Length, 300)]}");
            }
            else if (status >= 400 && request.Path.StartsWith("/v1", StringComparison.Ordinal))
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{request}: {status} is not a problem ({response.Content.Headers.ContentType})");
                }
                else if (status is 400 or 415 && !HasErrorPaths(text))
                {
                    failures.Add($"{request}: {status} without errors[].path: {text[..Math.Min(text.Length, 300)]}");
                }
                else if (text.Contains("System.", StringComparison.Ordinal))
                {
                    failures.Add($"{request}: {status} names .NET types: {text[..Math.Min(text.Length, 300)]}");
                }
                else if (UnknownCodes(text) is { Count: > 0 } unknown)
                {
                    failures.Add($"{request}: {status} sends codes that are not ErrorCodes: {string.Join(", ", unknown)}");
                }
            }
        }

        failures.ShouldBeEmpty($"{failures.Count} of {sent} requests:\n" + string.Join("\n", failures));
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), h.Token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        HttpResponseMessage estimate = await client.PostAsync(new Uri("/v1/estimate", UriKind.Relative),
            ServerHarness.Body(new { model = ServerHarness.Model, input = ServerHarness.T2V() }), h.Token);
        estimate.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SubmitJob_WrongContentType_415SaysWhichIsExpected()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain");

        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/jobs", UriKind.Relative), content, h.Token);
        JsonNode problem = await h.JsonAsync(response);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        problem["detail"]!.GetValue<string>().ShouldContain("application/json");
        problem["errors"]![0]!["path"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Estimate_MistypedField_400NamesTheFieldWithoutDotNetTypes()
    {
        await using ServerHarness h = await ServerHarness.StartAsync();
        using var content = new StringContent("""{"model":"lightricks/ltx-2-fast/text-to-video","input":{"prompt":"x"},"mediaDurations":{"video":"soon"}}""",
            System.Text.Encoding.UTF8, "application/json");

        HttpResponseMessage response = await h.Client().PostAsync(new Uri("/v1/estimate", UriKind.Relative), content, h.Token);
        string text = await response.Content.ReadAsStringAsync(h.Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(text)!["errors"]![0]!["path"]!.GetValue<string>().ShouldBe("mediaDurations.video");
        text.ShouldNotContain("System.");
    }

    // The problem's kind (after the type prefix) and every errors[].code: one vocabulary, whatever the route or fault.
    private static List<string> UnknownCodes(string text)
    {
        JsonNode problem = JsonNode.Parse(text)!;
        string type = problem["type"]!.GetValue<string>();
        IEnumerable<string> codes = (problem["errors"] as JsonArray ?? []).Select(e => e!["code"]!.GetValue<string>())
            .Append(type.StartsWith(ProblemResults.TypePrefix, StringComparison.Ordinal) ? type[ProblemResults.TypePrefix.Length..] : type);
        return codes.Where(c => !Codes.Contains(c)).Distinct().ToList();
    }

    private static bool HasErrorPaths(string text) =>
        JsonNode.Parse(text)?["errors"] is JsonArray { Count: > 0 } errors && errors.All(e => e?["path"] is JsonValue);
}
