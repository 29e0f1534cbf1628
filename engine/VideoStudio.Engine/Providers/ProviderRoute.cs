namespace VideoStudio.Engine.Providers;

/// <summary>
/// A second (third, …) adapter beside the primary one: the models whose plugin names <paramref name="Name"/> are
/// sent to it, its task ids travel qualified as <c>name:id</c>, and URLs of <paramref name="UrlSchemes"/> are its
/// outputs and uploads. Registered with <see cref="ProviderRouteServiceCollectionExtensions.AddProviderRoute"/>.
/// </summary>
/// <param name="Name">The provider name models give in their manifest (lower case, no colon).</param>
/// <param name="Provider">The adapter.</param>
/// <param name="UrlSchemes">The URL schemes whose downloads this adapter serves (e.g. <c>local</c>).</param>
public sealed record ProviderRoute(string Name, IVideoProvider Provider, IReadOnlyList<string> UrlSchemes);
