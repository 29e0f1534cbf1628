using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Common;

namespace VideoStudio.IntegrationTests.Crash;

/// <summary>
/// The callers of a multi-tenant test: every request goes out with one owner's API key, and every answer's status is
/// kept, so the test can say "no caller ever got a 500" over all of them, not only over the ones it looked at.
/// </summary>
internal sealed class TenantCallers(HttpClient http, CancellationToken token)
{
    private readonly ConcurrentQueue<CallerAnswer> answers = new();

    /// <summary>Every answer so far, in the order they came.</summary>
    public IReadOnlyList<CallerAnswer> Answers => [.. answers];

    /// <summary><c>POST /v1/jobs</c>; the answer (202 with the job, or a problem).</summary>
    public Task<CallerAnswer> SubmitAsync(string key, string host, string model, JsonObject input) =>
        SendAsync(key, HttpMethod.Post, host + "/v1/jobs", JsonContent.Create(new JsonObject { ["model"] = model, ["input"] = input }, options: Json.Options));

    /// <summary><c>POST /v1/jobs</c> that must be accepted; returns the job's id.</summary>
    public async Task<string> SubmitAcceptedAsync(string key, string host, string model, JsonObject input)
    {
        CallerAnswer answer = await SubmitAsync(key, host, model, input);
        answer.Status.ShouldBe(HttpStatusCode.Accepted, answer.Body?.ToJsonString());
        return answer.Body!["id"]!.GetValue<string>();
    }

    /// <summary><c>POST /v1/uploads</c> with <paramref name="file"/> as the multipart part <c>file</c>.</summary>
    public Task<CallerAnswer> UploadAsync(string key, string host, byte[] file, string name)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return SendAsync(key, HttpMethod.Post, host + "/v1/uploads", new MultipartFormDataContent { { part, "file", name } });
    }

    /// <summary>Any request as the owner of <paramref name="key"/>; the answer is recorded whatever it is.</summary>
    public async Task<CallerAnswer> SendAsync(string key, HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using HttpResponseMessage response = await http.SendAsync(request, token);
        string text = await response.Content.ReadAsStringAsync(token);
        JsonNode? body = null;
        try
        {
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (an empty or plain answer): the status is what is kept.
        }

        var answer = new CallerAnswer($"{method} {new Uri(url).AbsolutePath}", response.StatusCode, body, response.Headers.RetryAfter is not null);
        answers.Enqueue(answer);
        return answer;
    }
}
