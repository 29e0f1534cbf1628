using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Server.Testing;

namespace VideoStudio.Server;

/// <summary>The server's entry point: what <c>videostudio serve</c>, tests and benchmarks start.</summary>
public static class VideoStudioServer
{
    /// <summary>
    /// Builds the server (not started). <paramref name="args"/> are ASP.NET Core host arguments (e.g.
    /// <c>--urls=http://127.0.0.1:0</c>). <paramref name="configureServices"/> may register the engine itself
    /// (<c>AddVideoStudio</c> + option overrides); when it does not, the engine is added from configuration.
    /// </summary>
    public static Task<WebApplication> BuildAsync(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddVideoStudioServer(builder.Configuration);

        // A body that does not bind throws (instead of an empty 400), so the error middleware can name the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        configureServices?.Invoke(builder.Services);
        if (!builder.Services.Any(d => d.ServiceType == typeof(IVideoStudio)))
        {
            builder.Services.AddVideoStudio(builder.Configuration);
        }

        // Test-only (unset in every deployment): registered last, so this host's TimeProvider is the shifted one.
        if (ShiftedClock.FromConfiguration(builder.Configuration) is TimeProvider shifted)
        {
            builder.Services.AddSingleton(shifted);
        }

        WebApplication app = builder.Build();
        app.MapVideoStudio();
        return Task.FromResult(app);
    }
}
