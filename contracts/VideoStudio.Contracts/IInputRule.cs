namespace VideoStudio.Contracts;

/// <summary>
/// A cross-field check the model's data cannot express (JSON Schema conditionals are not enforced by the engine's
/// validator, and <c>x-media</c> already declares limits, frame shapes and probed facts against input values). Runs
/// after schema validation and media probing, for the models whose manifest entry lists it in <c>rules</c> by its
/// class name: the rule itself names no model.
/// </summary>
public interface IInputRule
{
    /// <summary>
    /// Whether the rule applies to the given model. Asked only for a plugin whose manifest lists no <c>rules</c>
    /// (written for contracts 1.0); when the manifest lists rules, it alone decides and this is never called.
    /// </summary>
    /// <param name="model">The model being validated.</param>
    /// <returns><see langword="true"/> to run <see cref="Check"/>.</returns>
    /// <remarks>Since 1.1 this has a default (<see langword="true"/>): bind the rule in the manifest instead.</remarks>
    bool AppliesTo(ModelDescriptor model) => true;

    /// <summary>Checks the input and returns its issues (none when the input is fine).</summary>
    /// <param name="context">The normalised input and its probed media.</param>
    /// <returns>Issues with <see cref="ErrorCodes.RuleViolation"/> or a more specific code.</returns>
    IEnumerable<ValidationIssue> Check(ModelInputContext context);
}
