using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Pricing;

/// <summary>
/// Turns a pricing file (already checked against the meta-schema) into a <see cref="PricingRule"/>, and checks
/// what a draft-04 meta-schema cannot: units and durations agree, rate keys are real values of the field.
/// </summary>
internal static class PricingRuleParser
{
    /// <summary>Parses a pricing file.</summary>
    /// <param name="jsonText">The file's text.</param>
    /// <param name="inputFields">Property names of the model's input schema, to check referenced fields exist.</param>
    /// <exception cref="FormatException">The rule is inconsistent; the message says where.</exception>
    public static PricingRule Parse(string jsonText, IReadOnlySet<string> inputFields)
    {
        JsonObject root = JsonNode.Parse(jsonText)?.AsObject() ?? throw new FormatException("The pricing file is empty.");
        if (root["free"] is JsonValue free)
        {
            return PricingRule.FreeOf(
                root["version"]!.GetValue<string>(), root["source"]!.GetValue<string>(), ParseConfidence(root["confidence"]!.GetValue<string>()),
                (root["notes"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToArray(), free.GetValue<string>());
        }

        return ParseRule(root, root, inputFields, isHold: false);
    }

    private static PricingRule ParseRule(JsonObject root, JsonObject section, IReadOnlySet<string> fields, bool isHold)
    {
        BillingRule billing = ParseBilling(section["billing"]?.AsObject() ?? root["billing"]!.AsObject(), fields);
        RateTable rate = ParseRate(section["rate"]?.AsObject() ?? root["rate"]!.AsObject(), fields);
        var multipliers = (root["multipliers"]?.AsArray() ?? [])
            .Select(m => m!.AsObject())
            .Select(m => new PriceMultiplier(
                RequireField(m["field"]!.GetValue<string>(), fields, "multipliers[].field"),
                InvariantKey(m["equals"]!),
                PositiveFactor(m["factor"]!.GetValue<decimal>()),
                m["label"]!.GetValue<string>()))
            .ToArray();
        PricingRule? hold = !isHold && root["hold"] is JsonObject holdSection
            ? ParseRule(root, holdSection, fields, isHold: true)
            : null;
        return new PricingRule(
            root["version"]!.GetValue<string>(),
            root["source"]!.GetValue<string>(),
            ParseConfidence(root["confidence"]!.GetValue<string>()),
            (root["notes"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToArray(),
            billing,
            rate,
            multipliers,
            hold);
    }

    private static BillingRule ParseBilling(JsonObject b, IReadOnlySet<string> fields)
    {
        BillingUnit unit = b["unit"]!.GetValue<string>() switch
        {
            "second" => BillingUnit.Second,
            "block" => BillingUnit.Block,
            _ => BillingUnit.Run,
        };
        DurationSource? duration = b["duration"] is JsonObject d
            ? new DurationSource(d["from"]!.GetValue<string>() == "media", RequireField(d["field"]!.GetValue<string>(), fields, "billing.duration.field"))
            : null;
        decimal? block = b["blockSeconds"]?.GetValue<decimal>();
        if (block <= 0)
        {
            throw new FormatException($"billing.blockSeconds ({block}) must be positive.");
        }

        if (unit != BillingUnit.Run && duration is null)
        {
            throw new FormatException($"billing.unit '{unit.ToString().ToLowerInvariant()}' needs billing.duration (a field or a media field).");
        }

        if (unit == BillingUnit.Block && block is null)
        {
            throw new FormatException("billing.unit 'block' needs billing.blockSeconds.");
        }

        decimal? min = NonNegative(b["minSeconds"]?.GetValue<decimal>(), "billing.minSeconds");
        decimal? max = NonNegative(b["maxSeconds"]?.GetValue<decimal>(), "billing.maxSeconds");
        if (min > max)
        {
            throw new FormatException($"billing.minSeconds ({min}) is above billing.maxSeconds ({max}).");
        }

        return new BillingRule(
            unit,
            block,
            b["blockRounding"]?.GetValue<string>() == "up" ? BlockRounding.Up : BlockRounding.Prorata,
            duration,
            b["roundSeconds"]?.GetValue<string>() == "up",
            min,
            max);
    }

    private static RateTable ParseRate(JsonObject rate, IReadOnlySet<string> fields)
    {
        string? by = rate["by"]?.GetValue<string>();
        JsonNode? usd = rate["usd"];
        if (by is null)
        {
            return new RateTable(null, ParseValue(usd, "rate.usd"), new Dictionary<string, RateValue>());
        }

        RequireField(by, fields, "rate.by");
        if (usd is not JsonObject table)
        {
            throw new FormatException("rate.usd must map each value of rate.by to a rate.");
        }

        var values = table.ToDictionary(kv => kv.Key, kv => ParseValue(kv.Value, $"rate.usd.{kv.Key}"), StringComparer.Ordinal);
        return new RateTable(by, null, values);
    }

    // A rate of 0 or below would make a paid model look free (or pay the user); unknown is null, never 0.
    // Every rate passes here: above zero or null (unknown), never zero or negative.
    private static RateValue ParseValue(JsonNode? node, string where) => Positive(ParseAnyValue(node, where), where);

    private static RateValue Positive(RateValue value, string where) => value.Usd <= 0m
        ? throw new FormatException($"{where} is {value.Usd}: a rate must be above 0 USD. Write null for an unknown rate; VideoStudio has no free models.")
        : value;

    private static RateValue ParseAnyValue(JsonNode? node, string where) => node switch
    {
        null => new RateValue(null, null, null),
        JsonObject o => new RateValue(
            o["usd"]?.GetValue<decimal>(),
            o["confidence"] is JsonNode c ? ParseConfidence(c.GetValue<string>()) : null,
            o["note"]?.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => new RateValue(v.GetValue<decimal>(), null, null),
        _ => throw new FormatException($"{where} must be a number, null or {{usd, confidence, note}}."),
    };

    private static decimal PositiveFactor(decimal factor) => factor > 0m
        ? factor
        : throw new FormatException($"multipliers[].factor is {factor}: a factor must be above 0 (a factor of 0 or below would make the price free or negative).");

    /// <summary>Maps the confidence words used in data files to <see cref="Confidence"/>.</summary>
    public static Confidence ParseConfidence(string value) => value switch
    {
        "documented" => Confidence.Documented,
        "sdk" => Confidence.Sdk,
        "third-party" => Confidence.ThirdParty,
        "unconfirmed" => Confidence.Unconfirmed,
        _ => throw new FormatException($"Unknown confidence '{value}': use documented, sdk, third-party or unconfirmed."),
    };

    /// <summary>The invariant string form of an input value, used as a rate-table key.</summary>
    public static string InvariantKey(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => JsonNumbers.TryGetDecimal(value, out decimal d) ? d.ToString(CultureInfo.InvariantCulture) : value.ToJsonString(),
        _ => value.ToJsonString(),
    };

    // A negative rate, factor or bound could price a job below zero: that is a data error, refused at load.
    private static decimal? NonNegative(decimal? value, string where) =>
        value < 0 ? throw new FormatException($"{where} is {value}; prices, factors and bounds are never negative.") : value;

    private static string RequireField(string field, IReadOnlySet<string> fields, string where) =>
        fields.Contains(field)
            ? field
            : throw new FormatException($"{where} names '{field}', which is not an input of the model (inputs: {string.Join(", ", fields.Order(StringComparer.Ordinal))}).");
}
