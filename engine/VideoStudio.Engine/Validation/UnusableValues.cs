using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// Values valid JSON can carry but nothing downstream can use: a string with an unpaired UTF-16 surrogate (it cannot
/// be written back out as UTF-8), a number beyond decimal's range (a 400-digit integer, <c>1e400</c>), and a whole
/// number beyond 64 bits (<c>18446744073709551616</c>: NJsonSchema reads it as a BigInteger token and throws while
/// comparing it with a bound). Found before the schema validator and reported as field errors.
/// </summary>
internal static class UnusableValues
{
    /// <summary>One issue per unusable value, at its JSON-pointer path.</summary>
    public static IReadOnlyList<ValidationIssue> Find(JsonObject input)
    {
        var issues = new List<ValidationIssue>();
        Walk(input, string.Empty, issues);
        return issues;
    }

    /// <summary>A copy of <paramref name="node"/> whose unpaired surrogates are U+FFFD, so it can be echoed in an answer.</summary>
    public static JsonNode? Printable(JsonNode? node) => node switch
    {
        JsonObject o => PrintableObject(o),
        JsonArray a => new JsonArray(a.Select(Printable).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(ReadString(v) is string s ? Printable(s) : "\uFFFD"),
        _ => node?.DeepClone(),
    };

    // Parsed JSON keeps strings escaped; one with a lone "\ud800" cannot be unescaped at all (the reader throws).
    private static string? ReadString(JsonValue value)
    {
        try
        {
            return value.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    // Assigned one by one: two bad names can become the same printable name, and the later one wins.
    private static JsonObject PrintableObject(JsonObject source)
    {
        var copy = new JsonObject();
        foreach ((string key, JsonNode? value) in source)
        {
            copy[Printable(key)] = Printable(value);
        }

        return copy;
    }

    private static string Printable(string text) => IsWellFormed(text) ? text : new string(text.Select(c => char.IsSurrogate(c) ? '\uFFFD' : c).ToArray());

    private static void Walk(JsonNode? node, string path, List<ValidationIssue> issues)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string key, JsonNode? value) in o)
                {
                    string child = path + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    if (!IsWellFormed(key))
                    {
                        issues.Add(new(Printable(child), ErrorCodes.BadFormat, $"The property name at {Printable(child)} contains an unpaired UTF-16 surrogate; send valid Unicode text."));
                    }

                    Walk(value, child, issues);
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    Walk(a[i], $"{path}/{i}", issues);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                if (ReadString(v) is not string text || !IsWellFormed(text))
                {
                    issues.Add(new(Printable(path), ErrorCodes.BadFormat, $"{Printable(path)} contains an unpaired UTF-16 surrogate (e.g. \\ud800 alone); send valid Unicode text."));
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && !JsonNumbers.TryGetDecimal(v, out _):
                issues.Add(new(path, ErrorCodes.TooLarge, $"{path} is a number beyond what any field takes (at most ±7.9e28)."));
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && IsWholeBeyond64Bits(v.ToJsonString()):
                issues.Add(new(path, ErrorCodes.TooLarge, $"{path} is a whole number beyond 64 bits; no field takes one (at most 9223372036854775807)."));
                break;
        }
    }

    // Digits alone (an optional minus) are an integer token to Newtonsoft; beyond long it becomes a BigInteger.
    private static bool IsWholeBeyond64Bits(string text) =>
        text.TrimStart('-').All(char.IsAsciiDigit) && !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
