using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Server;

namespace VideoStudio.BrowserTests;

/// <summary>The console's server with API keys configured: every /v1 call needs a key, which decides the owner.</summary>
public sealed class KeyedConsoleServerFixture : ConsoleServerFixture
{
    public const string Key = "console-key-alice";

    protected override void ConfigureServer(IServiceCollection services) =>
        services.Configure<ServerOptions>(o => o.ApiKeys[Key] = "alice");
}

[CollectionDefinition(Name)]
public sealed class KeyedConsoleCollection : ICollectionFixture<KeyedConsoleServerFixture>
{
    public const string Name = "console with API keys";
}
