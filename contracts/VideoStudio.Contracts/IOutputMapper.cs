namespace VideoStudio.Contracts;

/// <summary>
/// Maps a provider's raw output list to typed outputs. The host's default treats <c>outputs[0]</c> as an MP4
/// video, which is right for every WaveSpeed video model; implement this only for a model that differs.
/// </summary>
public interface IOutputMapper
{
    /// <summary>Whether the mapper applies to the given model.</summary>
    /// <param name="model">The model that produced the outputs.</param>
    /// <returns><see langword="true"/> to use <see cref="Map"/>.</returns>
    bool AppliesTo(ModelDescriptor model);

    /// <summary>Maps the provider's output strings (URLs) to typed outputs.</summary>
    /// <param name="model">The model that produced the outputs.</param>
    /// <param name="providerOutputs">The provider's <c>outputs</c> array.</param>
    /// <returns>Typed outputs in the provider's order.</returns>
    IReadOnlyList<OutputItem> Map(ModelDescriptor model, IReadOnlyList<string> providerOutputs);
}
