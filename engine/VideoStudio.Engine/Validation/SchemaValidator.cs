using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema.Validation;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Planning;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// Validates an input against a model's schema with NJsonSchema (on the raw JSON text, never a JToken) and
/// turns its errors into <see cref="ValidationIssue"/>s with JSON-pointer paths, stable codes and messages that
/// name the allowed values. Returns the input with schema defaults applied.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Validates <paramref name="input"/>; the caller's object is not modified.</summary>
    public static (IReadOnlyList<ValidationIssue> Issues, JsonObject Normalized) Validate(InputSchema schema, JsonObject input)
    {
        if (UnusableValues.Find(input) is { Count: > 0 } unusable)
        {
            // NJsonSchema would throw on these (and the text cannot even be serialised): refuse them as field errors.
            return (unusable, (JsonObject)UnusableValues.Printable(input)!);
        }

        // A valid input is proved so by plain checks; NJsonSchema (a serialise and a Newtonsoft parse per call) then
        // runs only to word what is wrong, so every error and message stay its own.
        IReadOnlyList<ValidationIssue> issues = schema.Compiled?.IsCertainlyValid(input) == true ? [] : SchemaIssues(schema, input);

        var normalized = (JsonObject)input.DeepClone();
        foreach (InputField field in schema.Fields)
        {
            if (field.Default is not null && !normalized.ContainsKey(field.Name))
            {
                normalized[field.Name] = field.Default.DeepClone();
            }
        }

        return (issues, normalized);
    }

    private static List<ValidationIssue> SchemaIssues(InputSchema schema, JsonObject input)
    {
        var issues = new List<ValidationIssue>();
        var seen = new HashSet<(string, string)>();
        foreach (ValidationError error in Flatten(schema.Schema.Validate(input.ToJsonString())))
        {
            ValidationIssue issue = ToIssue(schema, input, error);
            if (seen.Add((issue.Path, issue.Code)))
            {
                issues.Add(issue);
            }
        }

        return issues;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child && child.Errors.Count > 0
            ? Flatten(child.Errors.SelectMany(x => x.Value))
            : [e]);

    private static ValidationIssue ToIssue(InputSchema schema, JsonObject input, ValidationError error)
    {
        string pointer = (error.Path ?? string.Empty).TrimStart('#');
        string name = error.Property ?? pointer.TrimStart('/');
        if (pointer.Length == 0 && error.Property is not null)
        {
            pointer = "/" + error.Property;
        }

        InputField? field = schema.Fields.FirstOrDefault(f => f.Name == name);
        string got = input[name] is JsonNode value ? $" (got {Shortened(value.ToJsonString())})" : string.Empty;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new(pointer, ErrorCodes.Required,
                $"{pointer} is required: provide a value for {field?.Title ?? name}{Describe(field)}."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => UnknownField(schema, "/" + name, name),
            ValidationErrorKind.NotInEnumeration => new(pointer, ErrorCodes.NotAllowed,
                $"{pointer} must be one of {AllowedValues(field)}{got}."),
            ValidationErrorKind.NumberTooSmall => new(pointer, ErrorCodes.TooSmall, $"{pointer} must be at least {Format(field?.Minimum)}{got}."),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => new(pointer, ErrorCodes.TooLarge,
                $"{pointer} must be at most {Format(field?.Maximum)}{got}."),
            ValidationErrorKind.StringTooShort => new(pointer, ErrorCodes.TooShort, $"{pointer} must not be empty{got}."),
            ValidationErrorKind.StringTooLong => new(pointer, ErrorCodes.TooLong,
                $"{pointer} is too long: at most {field?.MaxLength} characters (got {input[name]?.GetValue<string>().Length})."),
            ValidationErrorKind.PatternMismatch => new(pointer, ErrorCodes.BadFormat,
                $"{pointer} does not have the expected format{got}" + (field?.Description is string d ? $": {d.TrimEnd('.')}." : ".")),
            ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.NumberExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.NoTypeValidates =>
                new(pointer, ErrorCodes.WrongType, $"{pointer} must be {Article(field?.Type ?? "object")}{got}."),
            _ => new(pointer, ErrorCodes.BadFormat, $"{pointer} is not valid ({error.Kind}){got}."),
        };
    }

    // What the caller sent, echoed so they can find it, but never a whole 200,000-character text in one message.
    private static string Shortened(string json) => json.Length <= 80 ? json : string.Concat(json.AsSpan(0, 77), "…");

    private static ValidationIssue UnknownField(InputSchema schema, string pointer, string name)
    {
        IReadOnlyList<string> close = Suggestions.Closest(name, schema.FieldNames, max: 1);
        string hint = close.Count > 0 ? $" Did you mean '{close[0]}'?" : string.Empty;
        return new ValidationIssue(pointer, ErrorCodes.UnknownField,
            $"'{name}' is not an input of this model; remove it.{hint} Accepted inputs: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
    }

    private static string Describe(InputField? field) =>
        field is null ? string.Empty
        : field.Media is not null ? $" (a {field.Media.Kind.ToString().ToLowerInvariant()} URL or local file path)"
        : field.AllowedValues.Count > 0 ? $" (one of {AllowedValues(field)})"
        : string.Empty;

    private static string AllowedValues(InputField? field) =>
        field is null ? "the allowed values" : string.Join(", ", field.AllowedValues.Select(v => v?.ToJsonString() ?? "null"));

    private static string Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "the limit";

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        _ => "a " + type,
    };
}
