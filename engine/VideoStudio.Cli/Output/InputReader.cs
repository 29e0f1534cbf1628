using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoStudio.Cli.Output;

/// <summary>Reads --input (inline JSON or @file) and --media-duration hints.</summary>
public static class InputReader
{
    /// <summary>Parses the input option into a JSON object.</summary>
    public static async Task<JsonObject> ReadObjectAsync(string value, CancellationToken cancellationToken)
    {
        string text = value;
        if (value.StartsWith('@'))
        {
            string path = value[1..];
            if (!File.Exists(path))
            {
                throw new InputFormatException($"--input names '{path}', which does not exist. Give a JSON file path after @, or inline JSON.");
            }

            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new InputFormatException("--input must be a JSON object, e.g. {\"prompt\":\"a cat\",\"duration\":6}.");
        }
        catch (JsonException ex)
        {
            throw new InputFormatException($"--input is not valid JSON ({ex.Message}). Quote it for your shell, e.g. --input '{{\"prompt\":\"a cat\"}}', or use @file.json.");
        }
    }

    /// <summary>Parses FIELD=SECONDS pairs.</summary>
    public static IReadOnlyDictionary<string, double> ReadHints(IEnumerable<string>? pairs)
    {
        var hints = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in pairs ?? [])
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds < 0)
            {
                throw new InputFormatException($"--media-duration '{pair}' is not FIELD=SECONDS (e.g. --media-duration audio=42.5).");
            }

            hints[parts[0].TrimStart('/')] = seconds;
        }

        return hints;
    }
}
