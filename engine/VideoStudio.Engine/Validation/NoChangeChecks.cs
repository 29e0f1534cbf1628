using System.Globalization;
using System.Text.Json.Nodes;
using VideoStudio.Contracts;
using VideoStudio.Engine.Common;

namespace VideoStudio.Engine.Validation;

/// <summary>
/// Fields at their declared do-nothing value (<c>x-changes-nothing</c>), defaults included: a click on Generate with a
/// speed of 1 would run a job that gives back the clip it was given. Data where the field lives, like
/// <see cref="MediaFactChecks"/>' comparisons with probed media, not a client's special case.
/// </summary>
internal static class NoChangeChecks
{
    /// <summary>One warning per field whose value (after defaults) is its do-nothing value.</summary>
    public static IEnumerable<ValidationIssue> Check(InputSchema schema, JsonObject normalized)
    {
        foreach (InputField field in schema.Fields)
        {
            if (field.ChangesNothingAt is { } at && normalized[field.Name] is JsonValue value
                && JsonNumbers.TryGetDecimal(value, out decimal number) && number == at.Value)
            {
                yield return new ValidationIssue("/" + field.Name, ErrorCodes.ChangesNothing,
                    $"/{field.Name} is {number.ToString(CultureInfo.InvariantCulture)}: {at.Effect.TrimEnd('.')}. {at.Fix}", IssueSeverity.Warning);
            }
        }
    }
}
