using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Telemetry;
using VideoStudio.Server.Http;

namespace VideoStudio.Server;

/// <summary>Registers the HTTP API's services (the engine itself comes from <c>AddVideoStudio</c>).</summary>
public static class VideoStudioServerServiceCollectionExtensions
{
    /// <summary>Adds the server: options from <c>VideoStudio:Server</c>, JSON conventions, OpenAPI, problem details, startup, telemetry (Prometheus, OTLP).</summary>
    public static IServiceCollection AddVideoStudioServer(this IServiceCollection services, IConfiguration? configuration = null, Action<ServerOptions>? configure = null)
    {
        var options = services.AddOptions<ServerOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(ServerOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        options.Validate(o => o.OtlpEndpoint is null || (o.OtlpEndpoint.IsAbsoluteUri && o.OtlpEndpoint.Scheme is "http" or "https"),
            "VideoStudio:Server:OtlpEndpoint must be an absolute http(s) URL (e.g. http://127.0.0.1:4317), or unset for none.");

        // Request bodies bind with the engine's conventions too (kebab-case enums, comments, trailing commas), and a
        // missing 'model' or 'input' is a 400 from the binder rather than a null deep in the engine.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = Json.Options.Encoder;
            o.SerializerOptions.ReadCommentHandling = Json.Options.ReadCommentHandling;
            o.SerializerOptions.AllowTrailingCommas = true;
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            // A duplicated key is ambiguous (which one did the caller mean?) and made JsonObject throw later: a 400 now.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new StrictJsonObjectConverter());
            foreach (var converter in Json.Options.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        // The hosting diagnostics log every request URL at Information, query included, and ?access_token= is a key.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<OwnerResolver>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<MediaPathGuard>();
        services.AddSingleton<ServerReadiness>();
        // A server runs for long: it takes over jobs whose worker died (another host, a killed CLI) as their leases lapse.
        services.PostConfigure<JobOptions>(o => o.TakeoverInterval ??= o.LeaseDuration / 2);
        services.AddHostedService<StartupService>();
        AddTelemetry(services, configuration, configure);
        services.AddVideoStudioPluginWatcher();
        return services;
    }

    // Exporters are chosen at registration, so the settings are read here as well as bound for the endpoints.
    private static void AddTelemetry(IServiceCollection services, IConfiguration? configuration, Action<ServerOptions>? configure)
    {
        var settings = new ServerOptions();
        configuration?.GetSection(ServerOptions.SectionName).Bind(settings);
        configure?.Invoke(settings);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("videostudio", serviceVersion: typeof(VideoStudioTelemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(VideoStudioTelemetry.Name);
                if (settings.PrometheusMetrics)
                {
                    metrics.AddPrometheusExporter();
                }

                if (settings.OtlpEndpoint is Uri endpoint)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(VideoStudioTelemetry.Name);
                if (settings.OtlpEndpoint is Uri endpoint)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = endpoint);
                }
            });
    }
}
