namespace VideoStudio.Contracts;

/// <summary>How well a fact (a price, a limit, a default) is sourced. Carried into every estimate.</summary>
public enum Confidence
{
    /// <summary>Stated on a first-party page or in the product note.</summary>
    Documented,

    /// <summary>Seen in official provider SDK code.</summary>
    Sdk,

    /// <summary>From third-party code or documentation.</summary>
    ThirdParty,

    /// <summary>Inferred, conflicting or weakly sourced; verify against the live API.</summary>
    Unconfirmed,
}
