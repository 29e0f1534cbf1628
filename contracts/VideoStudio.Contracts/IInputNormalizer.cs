namespace VideoStudio.Contracts;

/// <summary>
/// Rewrites a valid input into what the provider expects (e.g. fills a provider-only field from probed media).
/// Runs after validation; the host applies normalisers of the model's own plugin only.
/// </summary>
public interface IInputNormalizer
{
    /// <summary>Whether the normaliser applies to the given model.</summary>
    /// <param name="model">The model the input is for.</param>
    /// <returns><see langword="true"/> to run <see cref="Normalize"/>.</returns>
    bool AppliesTo(ModelDescriptor model);

    /// <summary>Edits <see cref="ModelInputContext.Input"/> in place.</summary>
    /// <param name="context">The input (a private copy) and its probed media.</param>
    void Normalize(ModelInputContext context);
}
