using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using VideoStudio.Contracts;
using VideoStudio.Engine.Presentation;

namespace VideoStudio.Server.Http;

/// <summary>
/// Reshapes the framework's own 400/415 answers (model binding, JSON reading, content negotiation) into the API's
/// problem format: the field in <c>errors[].path</c> (<c>input.prompt</c>, <c>$</c> for the whole body) and words
/// for a caller, never .NET type names.
/// </summary>
public static partial class RequestProblems
{
    /// <summary>The content type every JSON route expects.</summary>
    public const string ExpectedJson = "application/json";

    /// <summary>The problem for a framework failure to read the request.</summary>
    public static IResult From(BadHttpRequestException error, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return UnsupportedContentType(request);
        }

        if (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.BodyTooLarge, "The request body is too large", "The request body is too large.",
                [new ApiViews.IssueView("$", ErrorCodes.BodyTooLarge, "The request body is too large.")]);
        }

        (string path, string code, string message) = error.InnerException is JsonException json
            ? Describe(json)
            : error.Message.Contains("no body was provided", StringComparison.Ordinal)
                ? ("$", ErrorCodes.MissingBody, "The request has no body; send a JSON object as documented at /openapi/v1.json.")
                : ("$", ErrorCodes.BadRequest, "The request could not be read; send a JSON object as documented at /openapi/v1.json.");
        return ProblemResults.BadRequest(message, path, code);
    }

    /// <summary>415: says which content type the route takes.</summary>
    public static IResult UnsupportedContentType(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string expected = request.Path.StartsWithSegments("/v1/uploads", StringComparison.OrdinalIgnoreCase) ? "multipart/form-data" : ExpectedJson;
        string got = string.IsNullOrEmpty(request.ContentType) ? "no content type" : $"'{Printable(request.ContentType)}'";
        string message = $"This route takes Content-Type: {expected}; the request sent {got}.";
        return ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedContentType, "Unsupported content type", message,
            [new ApiViews.IssueView("$", ErrorCodes.UnsupportedContentType, message)]);
    }

    // System.Text.Json's messages name CLR types ("could not be converted to System.Int64"); keep the position, say it plainly.
    private static (string Path, string Code, string Message) Describe(JsonException error)
    {
        string path = FieldPath(error.Path);
        string text = error.Message;
        if (MissingProperty().Match(text) is { Success: true } missing)
        {
            string field = Camel(missing.Groups[1].Value);
            return (field, ErrorCodes.Required, $"'{field}' is required.");
        }

        if (NullParameter().Match(text) is { Success: true } nullParameter)
        {
            string field = Camel(nullParameter.Groups[1].Value);
            return (field, ErrorCodes.Required, $"'{field}' must not be null.");
        }

        string where = error.LineNumber is long line && error.BytePositionInLine is long position ? $" (line {line + 1}, byte {position + 1})" : string.Empty;
        if (text.Contains("could not be converted", StringComparison.Ordinal))
        {
            return (path, ErrorCodes.WrongType, $"'{path}' has the wrong type or is out of range{where}; see the request schema at /openapi/v1.json.");
        }

        if (text.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return (path, ErrorCodes.TooDeep, $"'{path}' is nested too deeply (at most 64 levels){where}.");
        }

        if (ConverterProblem().Match(text) is { Success: true } m)
        {
            // StrictJsonObjectConverter names the place relative to the object it read ('$.prompt' inside 'input').
            string inner = Printable(m.Groups[2].Value);
            string full = path == "$" ? (inner.Length > 0 ? inner : "$") : inner.Length > 0 ? $"{path}.{inner}" : path;
            return m.Groups[1].Value.StartsWith("Duplicate", StringComparison.Ordinal)
                ? (full, ErrorCodes.DuplicateProperty, $"'{full}' appears twice in the same object{where}; send each property once.")
                : (full, ErrorCodes.BadFormat, $"'{full}' contains an unpaired UTF-16 surrogate (e.g. \\ud800 alone){where}; send valid Unicode text.");
        }

        // A syntax error: the reader's own sentence ("'}' is an invalid start of a value.") names no types.
        int cut = text.IndexOf(" Path:", StringComparison.Ordinal);
        string sentence = cut > 0 ? text[..cut] : "The body is not valid JSON.";
        if (sentence.Contains("System.", StringComparison.Ordinal) || sentence.Contains("VideoStudio.", StringComparison.Ordinal))
        {
            sentence = "The body is not valid JSON.";
        }

        return (path, ErrorCodes.InvalidJson, $"The body is not valid JSON at '{path}'{where}: {Printable(sentence)}");
    }

    private static string FieldPath(string? jsonPath) => jsonPath switch
    {
        null or "" or "$" => "$",
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => Printable(jsonPath[2..]),
        _ => Printable(jsonPath.TrimStart('$')),
    };

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    // Text from the request (a content type, a property name) may hold unpaired surrogates or control characters.
    private static string Printable(string text) => new(text.Select(c => char.IsSurrogate(c) || char.IsControl(c) ? '\uFFFD' : c).Take(200).ToArray());

    [GeneratedRegex(@"(Duplicate property|Unpaired UTF-16 surrogate in) '\$\.?([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex ConverterProblem();

    [GeneratedRegex("missing required properties including: '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingProperty();

    [GeneratedRegex("constructor parameter '([^']+)' on type '[^']+' doesn't allow null", RegexOptions.CultureInvariant)]
    private static partial Regex NullParameter();
}
