namespace VideoStudio.Engine.Plugins;

/// <summary>
/// An in-process plugin's code whose activation in this engine build is known to succeed (the catalog cache holds its
/// code key, <see cref="PluginValidationCache.CodeKeyOf"/>), activated on the first request that needs its rules,
/// normalisers or mappers rather than at load: reading models, prices and plugin statuses loads no plugin code. An
/// activation that fails all the same (something outside the folder changed) is remembered, and the plugin then
/// reads as <see cref="PluginStatus.CodeFailed"/> with the reason, exactly as if it had failed at load. When the last
/// activation of these bytes found no normalisers and no output mappers and the manifest binds the rules, a model the
/// manifest lists no rules for needs none of the code, and estimating it loads nothing.
/// </summary>
internal sealed class DeferredPluginCode
{
    private readonly Lazy<(PluginCode Code, string? Failure)> activation;
    private readonly IReadOnlySet<string>? modelsNeedingCode;

    /// <summary>
    /// Wraps <paramref name="activate"/>, which throws on failure; <paramref name="describeFailure"/> turns the
    /// exception into the plugin's reason. <paramref name="modelsNeedingCode"/>: the only model ids whose requests
    /// need the code, or null when every model's may.
    /// </summary>
    public DeferredPluginCode(Func<PluginCode> activate, Func<Exception, string> describeFailure, IReadOnlySet<string>? modelsNeedingCode = null)
    {
        this.modelsNeedingCode = modelsNeedingCode;
        activation = new(() =>
        {
            try
            {
                return (activate(), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (PluginCode.None, describeFailure(ex));
            }
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether a request for <paramref name="modelId"/> needs the code (its rules, or the plugin's normalisers or mappers).</summary>
    public bool IsNeededFor(string modelId) => modelsNeedingCode?.Contains(modelId) ?? true;

    /// <summary>The code, activating it now if no request has yet (none when activation failed).</summary>
    public PluginCode Code => activation.Value.Code;

    /// <summary>Why activation failed, activating it now if no request has yet; null when the code is active.</summary>
    public string? Failure => activation.Value.Failure;

    /// <summary>Why activation failed, without activating: null while the code has not been needed yet.</summary>
    public string? FailureSoFar => activation.IsValueCreated ? activation.Value.Failure : null;
}
