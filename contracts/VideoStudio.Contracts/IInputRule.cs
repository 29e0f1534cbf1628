namespace VideoStudio.Contracts;

/// <summary>
/// A cross-field check the model's schema cannot express (JSON Schema conditionals are not enforced by the
/// engine's validator). Runs after schema validation and media probing; the host only runs it for models of the
/// plugin that declares it.
/// </summary>
public interface IInputRule
{
    /// <summary>Whether the rule applies to the given model.</summary>
    /// <param name="model">The model being validated.</param>
    /// <returns><see langword="true"/> to run <see cref="Check"/>.</returns>
    bool AppliesTo(ModelDescriptor model);

    /// <summary>Checks the input and returns its issues (none when the input is fine).</summary>
    /// <param name="context">The normalised input and its probed media.</param>
    /// <returns>Issues with <see cref="ErrorCodes.RuleViolation"/> or a more specific code.</returns>
    IEnumerable<ValidationIssue> Check(ModelInputContext context);
}
