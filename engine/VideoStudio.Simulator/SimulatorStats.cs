using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace VideoStudio.Simulator;

/// <summary>What the simulator has seen, for assertions ("exactly one task was created"). Thread-safe.</summary>
public sealed class SimulatorStats
{
    private readonly Lock gate = new();
    private readonly List<SubmittedInput> submissions = [];
    private readonly Dictionary<string, int> resultGets = new(StringComparer.Ordinal);
    private int uploads;
    private int webhookDeliveries;
    private int outputGets;
    private int rateLimited;

    /// <summary>Accepted (stored and charged) submissions.</summary>
    public int TotalSubmissions
    {
        get
        {
            lock (gate)
            {
                return submissions.Count;
            }
        }
    }

    /// <summary>Accepted submissions per model id.</summary>
    public IReadOnlyDictionary<string, int> SubmissionsByModel
    {
        get
        {
            lock (gate)
            {
                return submissions.GroupBy(s => s.Model).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Every accepted submission, oldest first.</summary>
    public IReadOnlyList<SubmittedInput> Submissions
    {
        get
        {
            lock (gate)
            {
                return submissions.ToArray();
            }
        }
    }

    /// <summary>Result GETs answered (faulted ones included), all ids.</summary>
    public int ResultGets
    {
        get
        {
            lock (gate)
            {
                return resultGets.Values.Sum();
            }
        }
    }

    /// <summary>Completed uploads (multipart or PUT).</summary>
    public int Uploads => Volatile.Read(ref uploads);

    /// <summary>Webhook POSTs that got a 2xx.</summary>
    public int WebhookDeliveries => Volatile.Read(ref webhookDeliveries);

    /// <summary>Submits refused with 429 by the account's per-minute limit (not injected faults): a client that leaks the limit.</summary>
    public int RateLimited => Volatile.Read(ref rateLimited);

    /// <summary>Output GETs (faulted ones included).</summary>
    public int OutputGets => Volatile.Read(ref outputGets);

    /// <summary>Result GETs for one prediction id.</summary>
    public int ResultGetsFor(string predictionId)
    {
        lock (gate)
        {
            return resultGets.GetValueOrDefault(predictionId);
        }
    }

    /// <summary>A stable fingerprint of a request: SHA-256 of the model id and the input with keys sorted.</summary>
    public static string Fingerprint(string model, JsonObject input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + Canonical(input)!.ToJsonString())));

    internal void RecordSubmission(SubmittedInput input)
    {
        lock (gate)
        {
            submissions.Add(input);
        }
    }

    internal void RecordResultGet(string id)
    {
        lock (gate)
        {
            resultGets[id] = resultGets.GetValueOrDefault(id) + 1;
        }
    }

    internal void RecordUpload() => Interlocked.Increment(ref uploads);

    internal void RecordWebhookDelivery() => Interlocked.Increment(ref webhookDeliveries);

    internal void RecordOutputGet() => Interlocked.Increment(ref outputGets);

    internal void RecordRateLimited() => Interlocked.Increment(ref rateLimited);

    internal JsonObject ToJson()
    {
        var byModel = new JsonObject();
        foreach ((string model, int count) in SubmissionsByModel)
        {
            byModel[model] = count;
        }

        return new JsonObject
        {
            ["total_submissions"] = TotalSubmissions,
            ["submissions_by_model"] = byModel,
            ["submissions"] = new JsonArray(Submissions.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.PredictionId, ["model"] = s.Model, ["fingerprint"] = s.Fingerprint, ["input"] = s.Input.DeepClone(),
                ["at"] = s.At.ToString("O"),
            }).ToArray()),
            ["result_gets"] = ResultGets,
            ["output_gets"] = OutputGets,
            ["uploads"] = Uploads,
            ["webhook_deliveries"] = WebhookDeliveries,
            ["rate_limited"] = RateLimited,
        };
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}

/// <summary>One accepted submission.</summary>
/// <param name="PredictionId">The task id given to it.</param>
/// <param name="Model">Model id.</param>
/// <param name="Input">The body as received, minus the sync/base64 flags.</param>
/// <param name="Fingerprint">See <see cref="SimulatorStats.Fingerprint"/>.</param>
/// <param name="At">When it was accepted (simulator clock).</param>
public sealed record SubmittedInput(string PredictionId, string Model, JsonObject Input, string Fingerprint, DateTimeOffset At);
