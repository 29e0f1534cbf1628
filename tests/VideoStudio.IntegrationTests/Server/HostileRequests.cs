using System.Net.Http.Headers;
using System.Text;

namespace VideoStudio.IntegrationTests.Server;

/// <summary>
/// A bounded corpus of requests an attacker can send (broken and duplicate-key JSON, lone surrogates, invalid UTF-8,
/// huge and non-finite numbers, deep nesting, wrong content types, garbage multipart, empty and chunked bodies),
/// plus seeded mutations of valid bodies: the same requests on every run.
/// </summary>
internal static class HostileRequests
{
    public const int MutationsPerRoute = 25;

    public static readonly string[] JsonRoutes = ["/v1/validate", "/v1/estimate", "/v1/compare", "/v1/jobs"];

    /// <summary>A request to send: route, body bytes (null = none), content type (null = none), chunked or not.</summary>
    public sealed record Case(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, bool Chunked = false)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(Method, new Uri(Path, UriKind.Relative));
            if (Body is not null)
            {
                HttpContent content = Chunked ? new StreamContent(new NonSeekableStream(Body)) : new ByteArrayContent(Body);
                if (ContentType is not null)
                {
                    content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }

                message.Content = content;
            }

            return message;
        }

        public override string ToString() => $"{Name} → {Method} {Path}";
    }

    public static IEnumerable<Case> All()
    {
        foreach (string route in JsonRoutes)
        {
            string model = route == "/v1/compare" ? "\"models\":[\"lightricks/ltx-2-fast/text-to-video\"]" : "\"model\":\"lightricks/ltx-2-fast/text-to-video\"";
            string Body(string input, string extra = "") => $"{{{model},\"input\":{input}{extra}}}";
            foreach ((string name, string text) in Bodies(Body))
            {
                yield return Json(name, route, Encoding.UTF8.GetBytes(text));
            }

            yield return Json("invalid-utf8-prompt", route, [.. Encoding.UTF8.GetBytes(Body("{\"prompt\":\"a ")[..^0]), 0xC3, 0x28, 0xFF, .. "\",\"duration\":6}}"u8.ToArray()]);
            yield return Json("utf8-bom", route, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Body("{\"prompt\":\"x\",\"duration\":6}"))]);
            yield return Json("utf16-body", route, Encoding.Unicode.GetBytes(Body("{\"prompt\":\"x\",\"duration\":6}")));
            yield return new Case("empty-body", HttpMethod.Post, route, [], "application/json");
            yield return new Case("no-body", HttpMethod.Post, route, null, null);
            yield return new Case("chunked-valid", HttpMethod.Post, route, Encoding.UTF8.GetBytes(Body("{\"prompt\":\"x\",\"duration\":6}")), "application/json", Chunked: true);
            yield return new Case("chunked-broken", HttpMethod.Post, route, Encoding.UTF8.GetBytes(Body("{\"prompt\":\"x\",")), "application/json", Chunked: true);
            foreach (string type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json; charset=latin1", "garbage", "" })
            {
                yield return new Case("content-type " + type, HttpMethod.Post, route, Encoding.UTF8.GetBytes(Body("{\"prompt\":\"x\",\"duration\":6}")), type);
            }

            foreach (Case mutated in Mutations(route, Encoding.UTF8.GetBytes(Body("{\"prompt\":\"a paper boat\",\"duration\":6,\"resolution\":\"1080p\"}", ",\"mediaDurations\":{\"video\":5}"))))
            {
                yield return mutated;
            }
        }

        foreach (Case upload in Uploads())
        {
            yield return upload;
        }

        foreach (string path in new[] { "/v1/jobs?state=%00", "/v1/jobs?state=" + new string('x', 5000), "/v1/jobs/%ED%A0%80", "/v1/jobs/..%2F..%2Fetc", "/v1/models/%FF%FE", "/v1/schema/" + new string('a', 3000), "/v1/jobs/x/output", "/v1/jobs/x/events", "/v1/models?task=%F0%28" })
        {
            yield return new Case("get " + path[..Math.Min(path.Length, 40)], HttpMethod.Get, path, null, null);
        }

        yield return new Case("delete unknown", HttpMethod.Delete, "/v1/jobs/does-not-exist", null, null);
        yield return new Case("put jobs", HttpMethod.Put, "/v1/jobs", "{}"u8.ToArray(), "application/json");
    }

    private static IEnumerable<(string Name, string Text)> Bodies(Func<string, string, string> body)
    {
        yield return ("broken-json", body("{\"prompt\":", string.Empty));
        yield return ("not-an-object", "[1,2,3]");
        yield return ("scalar", "42");
        yield return ("null", "null");
        yield return ("input-null", body("null", string.Empty));
        yield return ("input-array", body("[]", string.Empty));
        yield return ("input-string", body("\"x\"", string.Empty));
        yield return ("model-number", "{\"model\":5,\"models\":5,\"input\":{}}");
        yield return ("missing-input", "{\"model\":\"lightricks/ltx-2-fast/text-to-video\",\"models\":[\"x\"]}");
        yield return ("duplicate-key-top", body("{\"prompt\":\"x\",\"duration\":6}", ",\"input\":{}"));
        yield return ("duplicate-key-input", body("{\"prompt\":\"x\",\"prompt\":\"y\",\"duration\":6}", string.Empty));
        yield return ("lone-high-surrogate", body("{\"prompt\":\"a \\ud800 b\",\"duration\":6}", string.Empty));
        yield return ("lone-surrogate-in-media", body("{\"prompt\":\"x\",\"duration\":6,\"image\":\"\\ud800\",\"video\":[\"\\udfff\"]}", string.Empty));
        yield return ("lone-surrogate-in-key", body("{\"\\ud800\":1,\"prompt\":\"x\",\"duration\":6}", string.Empty));
        yield return ("lone-surrogate-in-model", "{\"model\":\"\\ud800\",\"models\":[\"\\ud800\"],\"input\":{}}");
        yield return ("lone-low-surrogate", body("{\"prompt\":\"\\udc00\",\"duration\":6}", string.Empty));
        yield return ("seed-above-long", body("{\"prompt\":\"x\",\"duration\":6,\"seed\":99999999999999999999999}", string.Empty));
        yield return ("seed-1e400", body("{\"prompt\":\"x\",\"duration\":6,\"seed\":1e400}", string.Empty));
        yield return ("duration-1e300", body("{\"prompt\":\"x\",\"duration\":1e300}", string.Empty));
        yield return ("duration-negative", body("{\"prompt\":\"x\",\"duration\":-6}", string.Empty));
        yield return ("duration-huge-int", body("{\"prompt\":\"x\",\"duration\":" + new string('9', 400) + "}", string.Empty));
        yield return ("duration-nan-literal", body("{\"prompt\":\"x\",\"duration\":NaN}", string.Empty));
        yield return ("duration-nan-string", body("{\"prompt\":\"x\",\"duration\":\"NaN\"}", string.Empty));
        yield return ("hint-nan", body("{\"prompt\":\"x\",\"duration\":6}", ",\"mediaDurations\":{\"video\":\"NaN\"}"));
        yield return ("hint-infinity", body("{\"prompt\":\"x\",\"duration\":6}", ",\"mediaDurations\":{\"video\":\"Infinity\"}"));
        yield return ("hint-1e300", body("{\"prompt\":\"x\",\"duration\":6}", ",\"mediaDurations\":{\"video\":1e300}"));
        yield return ("hint-1e400", body("{\"prompt\":\"x\",\"duration\":6}", ",\"mediaDurations\":{\"video\":1e400}"));
        yield return ("hint-negative", body("{\"prompt\":\"x\",\"duration\":6}", ",\"mediaDurations\":{\"video\":-1000}"));
        yield return ("maxcost-negative", body("{\"prompt\":\"x\",\"duration\":6}", ",\"maxCostUsd\":-1"));
        yield return ("maxcost-huge", body("{\"prompt\":\"x\",\"duration\":6}", ",\"maxCostUsd\":1e300"));
        yield return ("deep-nesting-input", body("{\"prompt\":" + new string('[', 5000) + new string(']', 5000) + "}", string.Empty));
        yield return ("deep-nesting-60", body("{\"prompt\":\"x\",\"duration\":6,\"extra\":" + new string('[', 60) + new string(']', 60) + "}", string.Empty));
        yield return ("nul-in-prompt", body("{\"prompt\":\"a\\u0000b\",\"duration\":6}", string.Empty));
        yield return ("huge-prompt", body("{\"prompt\":\"" + new string('x', 200_000) + "\",\"duration\":6}", string.Empty));
        yield return ("unknown-model", "{\"model\":\"" + new string('/', 500) + "\",\"models\":[\"\\ud800\"],\"input\":{}}");
        yield return ("media-url-userinfo", body("{\"prompt\":\"x\",\"duration\":6,\"image\":\"http://u:p@127.0.0.1:9/a.png\"}", string.Empty));
        yield return ("media-local-path", body("{\"prompt\":\"x\",\"duration\":6,\"image\":\"/etc/passwd\"}", string.Empty));
        yield return ("trailing-garbage", body("{\"prompt\":\"x\",\"duration\":6}", string.Empty) + "}}}garbage");
    }

    private static Case Json(string name, string route, byte[] body) => new(name, HttpMethod.Post, route, body, "application/json");

    // Seeded byte mutations (flip, delete, duplicate, insert a hostile byte): bounded and the same on every run.
    private static IEnumerable<Case> Mutations(string route, byte[] valid)
    {
        var random = new Random(route.Length * 7919);
        byte[] hostile = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0xC0, 0xED, 0xFF, 0x80];
        for (int i = 0; i < MutationsPerRoute; i++)
        {
            var bytes = new List<byte>(valid);
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = hostile[random.Next(hostile.Length)]; break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
                    default: bytes.Insert(at, hostile[random.Next(hostile.Length)]); break;
                }
            }

            yield return Json($"mutation-{i}", route, [.. bytes]);
        }
    }

    private static IEnumerable<Case> Uploads()
    {
        const string route = "/v1/uploads";
        yield return new Case("upload garbage multipart", HttpMethod.Post, route, "this is not multipart at all"u8.ToArray(), "multipart/form-data; boundary=abc");
        yield return new Case("upload truncated multipart", HttpMethod.Post, route, "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\nxx"u8.ToArray(), "multipart/form-data; boundary=abc");
        yield return new Case("upload bad part headers", HttpMethod.Post, route, "--abc\r\n\u0001\u0002garbage\r\n\r\n--abc--\r\n"u8.ToArray(), "multipart/form-data; boundary=abc");
        yield return new Case("upload huge header", HttpMethod.Post, route, Encoding.ASCII.GetBytes("--abc\r\nX: " + new string('a', 100_000) + "\r\n\r\nx\r\n--abc--\r\n"), "multipart/form-data; boundary=abc");
        yield return new Case("upload empty", HttpMethod.Post, route, [], "multipart/form-data; boundary=abc");
        yield return new Case("upload no boundary", HttpMethod.Post, route, "x"u8.ToArray(), "multipart/form-data");
        yield return new Case("upload json", HttpMethod.Post, route, "{}"u8.ToArray(), "application/json");
        yield return new Case("upload not media", HttpMethod.Post, route, "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\n\r\nnot a video\r\n--abc--\r\n"u8.ToArray(), "multipart/form-data; boundary=abc");
        yield return new Case("upload chunked garbage", HttpMethod.Post, route, "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n\u00ff\u00fe"u8.ToArray(), "multipart/form-data; boundary=abc", Chunked: true);
        yield return new Case("upload long boundary", HttpMethod.Post, route, "x"u8.ToArray(), "multipart/form-data; boundary=" + new string('b', 200));
    }

    /// <summary>A stream without a length, so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
