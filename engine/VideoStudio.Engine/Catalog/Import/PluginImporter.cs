using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Engine.Providers;

namespace VideoStudio.Engine.Catalog.Import;

/// <summary>
/// Writes a data-only plugin per family from live catalogue entries: the input schema from the request schema
/// (<see cref="SchemaImport"/>), the pricing rule from the formula when it is exact (<see cref="FormulaPricing"/>),
/// otherwise an unknown price marked UNCONFIRMED so budgets take the provider's live quote; a card stub from the
/// description; and provenance saying what came from where. Pure: reads entries, returns files.
/// </summary>
public static class PluginImporter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The family a model id belongs to: its second segment (<c>alibaba/wan-2.6/text-to-video</c> → <c>wan-2.6</c>).</summary>
    public static string FamilyOf(string modelId)
    {
        string[] parts = modelId.Split('/');
        return parts.Length > 1 ? parts[1] : parts[0];
    }

    /// <summary>The plugin id for a family: <c>videostudio.</c> and the family in lower case, dots and other signs as dashes.</summary>
    public static string PluginIdOf(string family) => "videostudio." + Slug(family);

    /// <summary>Builds the plugin of one family.</summary>
    /// <param name="family">The family name (the plugin's family label and id).</param>
    /// <param name="entries">The family's live entries.</param>
    /// <param name="version">The plugin version to write.</param>
    /// <param name="source">Where the catalogue was read, for provenance (e.g. the provider's base URL).</param>
    /// <param name="today">The date written as the pricing rules' version.</param>
    /// <exception cref="PluginImportException">No entry of the family can be offered.</exception>
    public static ImportedPlugin Build(string family, IReadOnlyList<LiveModel> entries, string version, string source, DateOnly today)
    {
        string date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var models = new JsonArray();
        var notes = new List<string>();
        foreach (LiveModel entry in entries)
        {
            if (Model(entry, source, date, files, notes) is JsonObject model)
            {
                models.Add(model);
            }
        }

        if (models.Count == 0)
        {
            throw new PluginImportException($"nothing to import for family '{family}': {string.Join("; ", notes)}");
        }

        var manifest = new JsonObject
        {
            ["manifestVersion"] = 1,
            ["id"] = PluginIdOf(family),
            ["name"] = Title(family),
            ["version"] = version,
            ["description"] = $"Imported by `videostudio plugins import` from the live catalogue ({source}) on {date}; data only. Curate the cards and check UNCONFIRMED prices before relying on them.",
            ["contracts"] = "[1.0, 2.0)",
            ["family"] = Title(family),
            ["models"] = models,
        };
        files["plugin.json"] = manifest.ToJsonString(Indented) + "\n";
        string[] ids = [.. entries.Select(e => e.ModelId).Where(id => models.Any(m => m?["id"]?.GetValue<string>() == id))];
        return new ImportedPlugin(PluginIdOf(family), FolderOf(family), version, ids, files, notes);
    }

    /// <summary>The next version when upgrading: minor bumped, patch reset (1.2.3 → 1.3.0).</summary>
    public static string Bump(string version)
    {
        string[] parts = version.Split('-', 2)[0].Split('.');
        return parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int major) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int minor)
            ? $"{major}.{minor + 1}.0"
            : "1.0.0";
    }

    private static JsonObject? Model(LiveModel entry, string source, string date, SortedDictionary<string, string> files, List<string> notes)
    {
        if (entry.RequestSchema is not JsonObject request)
        {
            notes.Add($"{entry.ModelId}: skipped, the catalogue gives no request schema.");
            return null;
        }

        JsonObject? provenance = entry.Provenance;
        string confidence = (provenance?["confidence"] as JsonValue)?.GetValue<string>() ?? "documented";
        string origin = (provenance?["source"] as JsonValue)?.GetValue<string>() is string s ? $"{source}, whose entry was taken from {s}" : source;
        string fieldNote = $"Imported from the live catalogue ({origin}) on {date}.";
        string name = entry.Name ?? entry.ModelId;
        SchemaImport.Conversion schema = SchemaImport.Convert(name, entry.Type, request, fieldNote, confidence);
        if (schema.Refusal is string refusal)
        {
            notes.Add($"{entry.ModelId}: skipped, {refusal}.");
            return null;
        }

        notes.AddRange(schema.Notes.Select(n => $"{entry.ModelId}: {n}"));
        JsonObject properties = (JsonObject)schema.Schema["properties"]!;
        JsonObject pricing = Pricing(entry, properties, origin, confidence, date, provenance, notes);
        string slug = FileSlug(entry.ModelId);
        files[$"models/{slug}.schema.json"] = schema.Schema.ToJsonString(Indented) + "\n";
        files[$"models/{slug}.pricing.json"] = pricing.ToJsonString(Indented) + "\n";
        bool priced = pricing["rate"]?["usd"] is not null;
        return new JsonObject
        {
            ["id"] = entry.ModelId,
            ["task"] = Task(entry),
            ["displayName"] = name,
            ["capabilities"] = Capabilities(properties),
            ["schema"] = $"models/{slug}.schema.json",
            ["pricing"] = $"models/{slug}.pricing.json",
            ["processing"] = new JsonObject
            {
                ["expectedSeconds"] = 120,
                ["confidence"] = "unconfirmed",
                ["note"] = "The catalogue states no processing time: an imported default.",
            },
            ["card"] = Card(entry, properties, priced, schema.Notes),
        };
    }

    private static JsonObject Pricing(LiveModel entry, JsonObject properties, string origin, string confidence, string date, JsonObject? provenance, List<string> notes)
    {
        var enums = properties.Where(p => p.Value?["enum"] is JsonArray).ToDictionary(p => p.Key, p => (JsonArray)p.Value!["enum"]!, StringComparer.Ordinal);
        var numeric = properties.Where(p => (p.Value?["type"] as JsonValue)?.GetValue<string>() is "integer" or "number").Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        FormulaPricing.Conversion result = entry.Formula is string f
            ? FormulaPricing.Convert(f, entry.BasePrice, enums, numeric)
            : new FormulaPricing.Conversion(null, null, null, "the catalogue gives no formula");
        var ruleNotes = new JsonArray();
        if ((provenance?["note"] as JsonValue)?.GetValue<string>() is string note)
        {
            ruleNotes.Add(note);
        }

        var rule = new JsonObject
        {
            ["version"] = date,
            ["currency"] = "USD",
            ["source"] = $"Live catalogue formula ({origin}): {entry.Formula ?? "(none)"}",
        };
        if (result.Refusal is null)
        {
            rule["confidence"] = confidence;
            ruleNotes.Add("Imported exactly from the live formula; `videostudio catalog check` compares it with the provider's quote.");
            rule["notes"] = ruleNotes;
            rule["billing"] = result.Billing;
            rule["rate"] = result.Rate;
            if (result.Multipliers is { Count: > 0 } multipliers)
            {
                rule["multipliers"] = multipliers;
            }

            return rule;
        }

        // Unknown stays unknown: no rate, so estimates say so and budgeted submits take the provider's live quote.
        notes.Add($"{entry.ModelId}: price UNCONFIRMED ({result.Refusal}): live quote.");
        rule["confidence"] = "unconfirmed";
        ruleNotes.Add($"UNCONFIRMED: the live formula cannot be expressed as a pricing rule ({result.Refusal}); the price is unknown, so a live quote is required before any budgeted submit.");
        rule["notes"] = ruleNotes;
        rule["billing"] = properties.ContainsKey("duration")
            ? new JsonObject { ["unit"] = "second", ["duration"] = new JsonObject { ["from"] = "field", ["field"] = "duration" } }
            : new JsonObject { ["unit"] = "run" };
        rule["rate"] = new JsonObject { ["usd"] = null };
        return rule;
    }

    private static JsonObject Card(LiveModel entry, JsonObject properties, bool priced, IReadOnlyList<string> schemaNotes)
    {
        string description = entry.Description is { Length: > 0 } d ? d.Trim() : entry.Name ?? entry.ModelId;
        string tagline = description.Split(". ", 2)[0].TrimEnd('.') + ".";
        var limitations = new JsonArray();
        if (!priced)
        {
            limitations.Add("Price UNCONFIRMED: needs a live quote");
        }

        foreach (string note in schemaNotes)
        {
            limitations.Add(note);
        }

        if (limitations.Count == 0)
        {
            limitations.Add("Not yet curated: check the model's docs");
        }

        (JsonObject example, JsonObject? mediaSeconds) = Example(properties);
        var card = new JsonObject
        {
            ["tagline"] = tagline.Length > 160 ? tagline[..157] + "..." : tagline,
            ["bestFor"] = description,
            ["strengths"] = new JsonArray(JsonValue.Create($"Inputs and price rule taken from the provider's live catalogue ({entry.ModelId})")),
            ["limitations"] = limitations,
            ["tips"] = new JsonArray(JsonValue.Create("Card stub written by `videostudio plugins import`: curate it from the model's docs")),
            ["exampleInput"] = example,
        };
        if (mediaSeconds is not null)
        {
            card["exampleMediaSeconds"] = mediaSeconds;
        }

        return card;
    }

    // A valid input: every required field, and every price-driving default kept explicit by the schema's defaults.
    private static (JsonObject Example, JsonObject? MediaSeconds) Example(JsonObject properties)
    {
        var example = new JsonObject();
        var seconds = new JsonObject();
        foreach ((string name, JsonNode? node) in properties)
        {
            if (node is not JsonObject p)
            {
                continue;
            }

            if (p["x-media"]?["kind"] is JsonValue kind)
            {
                string k = kind.GetValue<string>();
                example[name] = $"http://127.0.0.1:9/media/example-{name}.{(k == "image" ? "png" : k == "audio" ? "wav" : "mp4")}";
                if (k != "image")
                {
                    decimal length = Math.Max(5, (p["x-media"]?["minSeconds"] as JsonValue)?.GetValue<decimal>() ?? 0);
                    if ((p["x-media"]?["maxSeconds"] as JsonValue)?.GetValue<decimal>() is decimal max)
                    {
                        length = Math.Min(length, max);
                    }

                    seconds[name] = length;
                }
            }
            else if ((p["type"] as JsonValue)?.GetValue<string>() == "string" && p["enum"] is null && (name == "prompt" || name == "text"))
            {
                example[name] = "A red fox trots through fresh snow at dawn, slow tracking shot";
            }
            else if (p["default"] is JsonNode value)
            {
                example[name] = value.DeepClone();
            }
            else if (p["enum"] is JsonArray { Count: > 0 } allowed)
            {
                example[name] = allowed[0]!.DeepClone();
            }
            else if ((p["type"] as JsonValue)?.GetValue<string>() is "integer" or "number")
            {
                example[name] = (p["minimum"] as JsonValue)?.GetValue<decimal>() is decimal min && min > 0 ? min : 1;
            }
            else if ((p["type"] as JsonValue)?.GetValue<string>() == "boolean")
            {
                example[name] = false;
            }
            else
            {
                example[name] = "example";
            }
        }

        return (example, seconds.Count == 0 ? null : seconds);
    }

    private static JsonArray Capabilities(JsonObject properties)
    {
        var capabilities = new List<string>();
        if (properties.ContainsKey("generate_audio") || properties.ContainsKey("enable_audio"))
        {
            capabilities.Add("generated-audio");
        }

        if (properties.ContainsKey("negative_prompt"))
        {
            capabilities.Add("negative-prompt");
        }

        if (properties.ContainsKey("seed"))
        {
            capabilities.Add("seed");
        }

        foreach (JsonNode? value in properties["resolution"]?["enum"] as JsonArray ?? [])
        {
            if (value is JsonValue v && v.TryGetValue(out string? tier))
            {
                capabilities.Add(tier);
            }
        }

        return new JsonArray([.. capabilities.Select(c => (JsonNode)JsonValue.Create(c)!)]);
    }

    private static string Task(LiveModel entry) =>
        entry.Type is string t && System.Text.RegularExpressions.Regex.IsMatch(t, "^[a-z]+(-[a-z]+)*$") ? t
        : entry.ModelId.Split('/')[^1] is var last && System.Text.RegularExpressions.Regex.IsMatch(last, "^[a-z]+(-[a-z]+)*$") ? last
        : "video-to-video";

    private static string FileSlug(string modelId) => string.Join('-', modelId.Split('/').Skip(modelId.Contains('/', StringComparison.Ordinal) ? 1 : 0));

    /// <summary>The folder name for a family: its words in Pascal case, signs dropped (<c>wan-2.6</c> → <c>Wan26</c>).</summary>
    public static string FolderOf(string family)
    {
        var folder = new StringBuilder();
        bool upper = true;
        foreach (char c in family)
        {
            if (char.IsLetterOrDigit(c))
            {
                folder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return folder.ToString();
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return slug.ToString().Trim('-');
    }

    private static string Title(string family) =>
        string.Join(' ', family.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
