using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Planning;

/// <summary>
/// What a rule's or normaliser's <c>AppliesTo</c> answered for a model, remembered per plugin-code instance (a reload
/// brings new instances, so nothing outlives the code that answered). <c>AppliesTo</c> is a function of the model's
/// descriptor (the contract), so a known "no" skips the budgeted call — a thread-pool hop and a timer — on every later
/// request. Only an answer that came back is remembered: code that threw or ran past its budget is asked again, and
/// fails closed again.
/// </summary>
internal sealed class PluginApplicability
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<ModelDescriptor, bool>> answers = [];

    /// <summary>The remembered answer of <paramref name="code"/> for <paramref name="model"/>, or null when it has not answered yet.</summary>
    public bool? Known(object code, ModelDescriptor model) =>
        answers.TryGetValue(code, out ConcurrentDictionary<ModelDescriptor, bool>? byModel) && byModel.TryGetValue(model, out bool applies) ? applies : null;

    /// <summary>Remembers an answer and returns it (called inside the budgeted call, with what <c>AppliesTo</c> returned).</summary>
    public bool Remember(object code, ModelDescriptor model, bool applies)
    {
        answers.GetOrCreateValue(code)[model] = applies;
        return applies;
    }
}
