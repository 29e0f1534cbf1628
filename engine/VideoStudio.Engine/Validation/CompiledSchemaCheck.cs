using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// A schema of the input-schema profile compiled to plain checks over a <see cref="JsonObject"/>, used only to prove
/// an input valid without NJsonSchema's text round trip (serialise, Newtonsoft parse, walk: most of an estimate's
/// time). It answers "certainly valid" or "not sure"; on "not sure" the caller runs NJsonSchema, which alone words
/// the errors, so every refusal and its message are NJsonSchema's as before. It is built only for schemas whose every
/// keyword it mirrors (<see cref="Compile"/> returns null otherwise), and it says "not sure" for any value whose
/// reading could differ from NJsonSchema's (null, a fraction near a bound, a number written as 6.0 for an integer).
/// </summary>
internal sealed class CompiledSchemaCheck
{
    // Keywords that validate nothing in NJsonSchema (annotations; x-* extension data is never validated either).
    private static readonly HashSet<string> RootAnnotations = new(StringComparer.Ordinal) { "$schema", "title", "description" };
    private static readonly HashSet<string> PropertyAnnotations = new(StringComparer.Ordinal) { "title", "description", "default" };

    // A fraction this close to a bound (relative) is left to NJsonSchema, which reads it through double and may round.
    private const decimal BoundMargin = 0.000000001m;

    private readonly Dictionary<string, PropertyCheck> properties;
    private readonly string[] required;

    private CompiledSchemaCheck(Dictionary<string, PropertyCheck> properties, string[] required)
    {
        this.properties = properties;
        this.required = required;
    }

    /// <summary>Compiles <paramref name="schema"/> (the raw document), or returns null when it uses anything not mirrored here.</summary>
    public static CompiledSchemaCheck? Compile(JsonObject schema)
    {
        if (schema["type"] is not JsonValue t || !t.TryGetValue(out string? type) || type != "object"
            || schema["additionalProperties"] is not JsonValue a || a.GetValueKind() != JsonValueKind.False
            || schema["properties"] is not JsonObject props)
        {
            return null;
        }

        foreach ((string key, _) in schema)
        {
            if (!RootAnnotations.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal) && key is not ("type" or "additionalProperties" or "properties" or "required"))
            {
                return null;
            }
        }

        var checks = new Dictionary<string, PropertyCheck>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? node) in props)
        {
            if (node is not JsonObject p || PropertyCheck.Compile(p) is not PropertyCheck check)
            {
                return null;
            }

            checks[name] = check;
        }

        var names = new List<string>();
        if (schema["required"] is JsonNode req)
        {
            if (req is not JsonArray list)
            {
                return null;
            }

            foreach (JsonNode? n in list)
            {
                if (n is not JsonValue v || !v.TryGetValue(out string? name) || !checks.ContainsKey(name))
                {
                    return null; // a required name that is not a property can never be satisfied: leave it to NJsonSchema
                }

                names.Add(name);
            }
        }

        return new CompiledSchemaCheck(checks, [.. names]);
    }

    /// <summary>True only when NJsonSchema would find no error in <paramref name="input"/>.</summary>
    public bool IsCertainlyValid(JsonObject input)
    {
        foreach (string name in required)
        {
            if (!input.ContainsKey(name))
            {
                return false;
            }
        }

        foreach ((string name, JsonNode? value) in input)
        {
            if (!properties.TryGetValue(name, out PropertyCheck? check) || !check.Accepts(value))
            {
                return false;
            }
        }

        return true;
    }

    private enum ValueType
    {
        String,
        Integer,
        Number,
        Boolean,
    }

    private sealed class PropertyCheck
    {
        private ValueType type;
        private decimal? minimum;
        private decimal? maximum;
        private int? minLength;
        private int? maxLength;
        private Regex? pattern;
        private HashSet<string>? stringChoices;
        private HashSet<long>? integerChoices;
        private bool[]? booleanChoices;

        public static PropertyCheck? Compile(JsonObject p)
        {
            var check = new PropertyCheck();
            if (p["type"] is not JsonValue t || !t.TryGetValue(out string? typeName))
            {
                return null;
            }

            switch (typeName)
            {
                case "string": check.type = ValueType.String; break;
                case "integer": check.type = ValueType.Integer; break;
                case "number": check.type = ValueType.Number; break;
                case "boolean": check.type = ValueType.Boolean; break;
                default: return null;
            }

            foreach ((string key, JsonNode? value) in p)
            {
                bool understood = key switch
                {
                    "type" => true,
                    "minimum" when check.IsNumeric => TryDecimal(value, out check.minimum),
                    "maximum" when check.IsNumeric => TryDecimal(value, out check.maximum),
                    "minLength" when check.type == ValueType.String => TryInt(value, out check.minLength),
                    "maxLength" when check.type == ValueType.String => TryInt(value, out check.maxLength),
                    "pattern" when check.type == ValueType.String => TryPattern(value, out check.pattern),
                    "enum" => check.TryChoices(value),
                    _ => PropertyAnnotations.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal),
                };
                if (!understood)
                {
                    return null;
                }
            }

            return check;
        }

        private bool IsNumeric => type is ValueType.Integer or ValueType.Number;

        public bool Accepts(JsonNode? node)
        {
            if (node is not JsonValue value)
            {
                return false; // null, an object or an array: NJsonSchema words the error
            }

            JsonValueKind kind = value.GetValueKind();
            return type switch
            {
                ValueType.String => kind == JsonValueKind.String && AcceptsString(value.GetValue<string>()),
                ValueType.Boolean => kind is JsonValueKind.True or JsonValueKind.False && (booleanChoices is null || booleanChoices[kind == JsonValueKind.True ? 1 : 0]),
                _ => kind == JsonValueKind.Number && AcceptsNumber(value),
            };
        }

        private bool AcceptsString(string text) =>
            (minLength is not int min || text.Length >= min)
            && (maxLength is not int max || text.Length <= max)
            && (stringChoices is null || stringChoices.Contains(text))
            && (pattern is null || pattern.IsMatch(text));

        private bool AcceptsNumber(JsonValue value)
        {
            // NJsonSchema sees the number as Newtonsoft parses its text: digits alone are an integer token, anything
            // else (6.0, 6e0) a float token read through double.
            if (IntegerLiteral(value) is long whole)
            {
                return (integerChoices is null || integerChoices.Contains(whole)) && Within(whole, exact: true);
            }

            if (type == ValueType.Integer || integerChoices is not null || FloatLiteral(value) is not double fraction
                || !double.IsFinite(fraction) || Math.Abs(fraction) > 1e28)
            {
                return false;
            }

            return Within((decimal)fraction, exact: false);
        }

        private bool Within(decimal v, bool exact)
        {
            decimal margin(decimal bound) => exact ? 0m : Math.Max(1m, Math.Abs(bound)) * BoundMargin;
            return (minimum is not decimal min || v >= min + margin(min)) && (maximum is not decimal max || v <= max - margin(max));
        }

        private static long? IntegerLiteral(JsonValue value)
        {
            if (value.TryGetValue(out JsonElement element))
            {
                // Fails on a fraction or exponent in the text, and beyond long (a BigInteger token: left to NJsonSchema).
                return element.TryGetInt64(out long l) ? l : null;
            }

            return IsIntegerText(value.ToJsonString(), out long parsed) ? parsed : null;
        }

        private static double? FloatLiteral(JsonValue value) =>
            value.TryGetValue(out JsonElement element)
                ? element.TryGetDouble(out double d) ? d : null
                : double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double p) ? p : null;

        private static bool IsIntegerText(string text, out long value)
        {
            value = 0;
            int start = text.StartsWith('-') ? 1 : 0;
            if (text.Length == start)
            {
                return false;
            }

            for (int i = start; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i]))
                {
                    return false;
                }
            }

            return long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        private bool TryChoices(JsonNode? node)
        {
            if (node is not JsonArray values || values.Count == 0)
            {
                return false;
            }

            foreach (JsonNode? n in values)
            {
                if (n is not JsonValue v)
                {
                    return false;
                }

                switch (type)
                {
                    case ValueType.String when v.GetValueKind() == JsonValueKind.String:
                        (stringChoices ??= new HashSet<string>(StringComparer.Ordinal)).Add(v.GetValue<string>());
                        break;
                    case ValueType.Integer or ValueType.Number when IntegerLiteral(v) is long l:
                        (integerChoices ??= []).Add(l);
                        break;
                    case ValueType.Boolean when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                        (booleanChoices ??= new bool[2])[v.GetValueKind() == JsonValueKind.True ? 1 : 0] = true;
                        break;
                    default:
                        return false; // a choice of another kind (NJsonSchema compares ToString()s): not mirrored
                }
            }

            return true;
        }

        private static bool TryDecimal(JsonNode? node, out decimal? value)
        {
            value = null;
            if (node is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out decimal d))
            {
                value = d;
            }

            return value is not null;
        }

        private static bool TryInt(JsonNode? node, out int? value)
        {
            value = null;
            if (node is JsonValue v && v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int i) && i >= 0)
            {
                value = i;
            }

            return value is not null;
        }

        private static bool TryPattern(JsonNode? node, out Regex? value)
        {
            value = null;
            if (node is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
            {
                try
                {
                    value = new Regex(text, RegexOptions.None); // NJsonSchema: Regex.IsMatch(value, pattern)
                }
                catch (ArgumentException)
                {
                    return false;
                }
            }

            return value is not null;
        }
    }
}
