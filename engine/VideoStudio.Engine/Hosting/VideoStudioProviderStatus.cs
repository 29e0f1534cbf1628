namespace VideoStudio.Engine.Hosting;

/// <summary>Which provider the jobs use and whether it can take jobs now (<see cref="IVideoStudio.GetProviderStatus"/>, the server's health).</summary>
/// <param name="Provider"><c>wavespeed</c>, <c>embedded-simulator</c> or <c>none</c>.</param>
/// <param name="Ready">True when a job submitted now can reach it.</param>
/// <param name="Detail">Why not, or what it is (never a key).</param>
/// <param name="BaseUrl">Where it is, when known.</param>
public sealed record VideoStudioProviderStatus(string Provider, bool Ready, string Detail, Uri? BaseUrl);
