namespace VideoStudio.Contracts;

/// <summary>
/// Maps a provider's raw output list to typed outputs. The host's default takes <c>outputs[0]</c> as the kind and
/// format the model's input schema declares in <c>x-output</c> (<c>kind</c>, <c>format</c>; a video as MP4 when it
/// declares none), keeping the extension of the URL when it names a format of that kind; implement this only for a
/// model whose outputs that cannot describe (several outputs, mixed kinds).
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
