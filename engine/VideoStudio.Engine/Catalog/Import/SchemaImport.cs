using System.Globalization;
using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Catalog.Import;

/// <summary>
/// Turns a provider request schema into a plugin input schema (<c>schemas/input-schema-profile.schema.json</c>):
/// order, types, enums, ranges, defaults and required fields are kept as the provider states them (so
/// <c>catalog check</c> finds no drift); media fields become <c>x-media</c> with the limits the catalogue gives;
/// UI hints are derived. Fields the engine cannot offer (arrays, objects) are left out and said in the notes; a
/// required one makes the model unimportable.
/// </summary>
internal static class SchemaImport
{
    private static readonly string[] AudioFlags = ["generate_audio", "enable_audio", "sound"];
    private static readonly string[] CopiedKeywords = ["description", "enum", "default", "minimum", "maximum", "minLength", "maxLength", "pattern"];

    /// <summary>The converted schema, its notes, and the refusal when the model cannot be offered.</summary>
    public sealed record Conversion(JsonObject Schema, IReadOnlyList<string> Notes, string? Refusal);

    public static Conversion Convert(string title, string? type, JsonObject request, string provenanceNote, string confidence)
    {
        JsonObject source = request["properties"] as JsonObject ?? [];
        var required = (request["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var order = (request["x-order-properties"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>()
            .Where(source.ContainsKey).Concat(source.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToList();
        var properties = new JsonObject();
        var notes = new List<string>();
        foreach (string name in order)
        {
            string? kind = (source[name] as JsonObject)?["type"] is JsonValue t && t.TryGetValue(out string? k) && k is "string" or "integer" or "number" or "boolean" ? k : null;
            if (source[name] is not JsonObject p || kind is null)
            {
                string what = (source[name] as JsonObject)?["type"]?.ToJsonString() ?? "no type";
                if (required.Contains(name))
                {
                    return new Conversion([], notes, $"required input '{name}' ({what}) has a type the engine cannot offer (string, integer, number or boolean)");
                }

                notes.Add($"/{name} ({what}) is not offered: the engine's forms take strings, numbers and booleans only (UNCONFIRMED whether the model needs it).");
                continue;
            }

            properties[name] = Property(name, p, kind, provenanceNote, confidence);
        }

        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = title,
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray([.. required.Where(properties.ContainsKey).Select(r => (JsonNode)JsonValue.Create(r)!)]),
            ["x-order-properties"] = new JsonArray([.. properties.Select(p => (JsonNode)JsonValue.Create(p.Key)!)]),
            ["x-output"] = Output(type, properties),
            ["properties"] = properties,
        };
        return new Conversion(schema, notes, null);
    }

    /// <summary>The media kind a provider property takes, or null: <c>x-accept</c>, an uploader component, or its name.</summary>
    public static string? MediaKind(string name, JsonObject p)
    {
        if ((p["x-accept"] as JsonValue)?.GetValue<string>() is string accept)
        {
            string k = accept.Split('/')[0];
            return k is "image" or "video" or "audio" ? k : null;
        }

        string[] words = name.Split('_');
        string last = words[^1] is "url" && words.Length > 1 ? words[^2] : words[^1];
        bool uploader = (p["x-ui-component"] as JsonValue)?.GetValue<string>() is "uploader" || (p["format"] as JsonValue)?.GetValue<string>() is "uri";
        return last switch
        {
            "image" or "mask" or "face" or "photo" => "image",
            "video" => "video",
            "audio" => "audio",
            _ => uploader ? "image" : null,
        };
    }

    private static JsonObject Property(string name, JsonObject p, string type, string provenanceNote, string confidence)
    {
        var property = new JsonObject { ["type"] = type, ["title"] = (p["title"] as JsonValue)?.GetValue<string>() ?? Title(name) };
        foreach (string keyword in CopiedKeywords)
        {
            if (p[keyword] is JsonNode value)
            {
                property[keyword] = value.DeepClone();
            }
        }

        string? media = type == "string" ? MediaKind(name, p) : null;
        if (media is not null)
        {
            property["x-ui-widget"] = "media";
            property["x-media"] = Media(media, p);
        }
        else
        {
            property["x-ui-widget"] = p["enum"] is JsonArray ? "select"
                : type == "boolean" ? "toggle"
                : type is "integer" or "number" ? "number"
                : name.Contains("prompt", StringComparison.Ordinal) || name == "text" ? "textarea"
                : "text";
            if (name == "duration" && type is "integer" or "number")
            {
                property["x-ui-unit"] = "s";
            }
        }

        property["x-provenance"] = new JsonObject { ["confidence"] = confidence, ["note"] = provenanceNote };
        return property;
    }

    // Limits as the catalogue states them (WaveSpeed uses no standard keywords for them: UNCONFIRMED names, read when present).
    private static JsonObject Media(string kind, JsonObject p)
    {
        var media = new JsonObject { ["kind"] = kind };
        Copy(p, media, "maxBytes", "x-max-file-size", "maxFileSize");
        Copy(p, media, "minSeconds", "x-min-duration", "minDuration");
        Copy(p, media, "maxSeconds", "x-max-duration", "maxDuration");
        if (p["x-formats"] is JsonArray formats)
        {
            media["formats"] = formats.DeepClone();
        }

        media["provenance"] = media.Count > 1 ? "Limits as the provider's catalogue states them." : "The catalogue states no limits for this media.";
        return media;
    }

    private static void Copy(JsonObject from, JsonObject to, string target, params string[] names)
    {
        if (names.Select(n => from[n]).OfType<JsonValue>().FirstOrDefault() is JsonValue v)
        {
            to[target] = v.DeepClone();
        }
    }

    // How the simulator shapes the output, from the fields' names (a curated plugin may refine it).
    private static JsonObject Output(string? type, JsonObject properties)
    {
        var output = new JsonObject();
        string? video = properties.FirstOrDefault(p => (p.Value?["x-media"]?["kind"] as JsonValue)?.GetValue<string>() == "video").Key;
        string? image = properties.FirstOrDefault(p => (p.Value?["x-media"]?["kind"] as JsonValue)?.GetValue<string>() == "image").Key;
        string? audio = properties.FirstOrDefault(p => (p.Value?["x-media"]?["kind"] as JsonValue)?.GetValue<string>() == "audio").Key;
        // A video with an image input named as a background: a background remover (subject kept, background removed or replaced).
        string? background = properties.FirstOrDefault(p => (p.Value?["x-media"]?["kind"] as JsonValue)?.GetValue<string>() == "image" && p.Key.Contains("background", StringComparison.Ordinal)).Key;
        if (video is not null)
        {
            output["video"] = video;
            if (type?.Contains("extend", StringComparison.Ordinal) == true)
            {
                output["extend"] = true;
            }
            else if (background is not null || type?.Contains("background", StringComparison.Ordinal) == true)
            {
                output["cutout"] = true;
                if (background is not null)
                {
                    output["background"] = background;
                }
            }
        }
        else if (image is not null)
        {
            output["still"] = image;
        }

        var seconds = new JsonArray();
        if (properties.ContainsKey("duration"))
        {
            seconds.Add(new JsonObject { ["field"] = "duration" });
        }

        if (video is not null && output["extend"] is null)
        {
            seconds.Add(new JsonObject { ["media"] = video });
        }
        else if (audio is not null)
        {
            seconds.Add(new JsonObject { ["media"] = audio });
        }

        if (seconds.Count == 0)
        {
            seconds.Add(new JsonObject { ["value"] = 5 }); // nothing says how long: a typical clip
        }

        Sources(output, "seconds", seconds);
        Sources(output, "size", properties.ContainsKey("size") ? [new JsonObject { ["field"] = "size" }] : []);
        Sources(output, "resolution", properties.ContainsKey("resolution") ? [new JsonObject { ["field"] = "resolution" }] : video is null ? [] : [new JsonObject { ["media"] = video }]);
        Sources(output, "aspect", properties.ContainsKey("aspect_ratio") ? [new JsonObject { ["field"] = "aspect_ratio" }] : []);
        string? audioFlag = AudioFlags.FirstOrDefault(properties.ContainsKey);
        var sound = new JsonArray();
        if (audioFlag is not null)
        {
            sound.Add(new JsonObject { ["field"] = audioFlag });
        }

        if (audio is not null)
        {
            sound.Add(new JsonObject { ["media"] = audio });
        }

        if (video is not null)
        {
            sound.Add(new JsonObject { ["media"] = video });
        }

        if (sound.Count == 0)
        {
            sound.Add(new JsonObject { ["value"] = false }); // no input says the model makes sound
        }

        Sources(output, "audio", sound);
        output["provenance"] = "Derived by plugins import from the input names; UNCONFIRMED until checked against the model's docs.";
        return output;
    }

    private static void Sources(JsonObject output, string name, JsonArray sources)
    {
        if (sources.Count > 0)
        {
            output[name] = sources;
        }
    }

    private static string Title(string name)
    {
        string words = name.Replace('_', ' ');
        return words.Length == 0 ? name : char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
