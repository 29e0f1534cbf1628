using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using VideoStudio.Contracts;
using VideoStudio.Engine.Catalog;
using VideoStudio.Engine.Common;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Presentation;
using VideoStudio.Engine.Providers.WaveSpeed;

namespace VideoStudio.BrowserTests;

/// <summary>TEMPORARY stand-in for the /v1 API until the server branch lands; deleted then.</summary>
internal static class FakeApi
{
    public static WebApplication Build(string simulatorUrl, string apiKey, string data)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVideoStudio(configure: o => o.PluginsDirectory = Path.Combine(AppContext.BaseDirectory, "plugins"));
        builder.Services.Configure<JobOptions>(o => { o.DataDirectory = data; o.ProcessingTimeScale = 0.005; });
        builder.Services.Configure<WaveSpeedOptions>(o => { o.BaseUrl = new Uri(simulatorUrl); o.ApiKey = apiKey; o.PollRetryBaseDelay = TimeSpan.FromMilliseconds(50); });
        WebApplication app = builder.Build();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot")) });
        const string owner = "local";
        IResult J(object o) => Results.Json(o, Json.Options);

        app.MapGet("/v1/models", async (string? task, IVideoStudio s) =>
            J((await s.GetCatalogAsync()).Registry.Models.Where(m => task is null || m.Descriptor.Task.Value == task).Select(ApiViews.Summary)));
        app.MapGet("/v1/models/{**id}", async (string id, IVideoStudio s) =>
        {
            PluginCatalog c = await s.GetCatalogAsync();
            ModelDefinition m = c.Registry.Find(id);
            var ex = await s.EstimateAsync(m.Id, m.Card.ExampleInput, m.Card.ExampleMediaSeconds);
            return J(ApiViews.Detail(m, c.PluginOf(m), ex.Estimate));
        });
        app.MapGet("/v1/schema/{**id}", (string id) =>
        {
            foreach (string manifest in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "plugin.json", SearchOption.AllDirectories))
            {
                JsonNode doc = JsonNode.Parse(File.ReadAllText(manifest))!;
                JsonNode? model = doc["models"]!.AsArray().FirstOrDefault(x => (string?)x!["id"] == id);
                if (model is not null)
                {
                    return Results.Text(File.ReadAllText(Path.Combine(Path.GetDirectoryName(manifest)!, (string)model["schema"]!)), "application/json");
                }
            }

            return Results.NotFound();
        });
        app.MapPost("/v1/validate", async (JsonObject b, IVideoStudio s) => J(ApiViews.Validation(await s.ValidateAsync((string)b["model"]!, (JsonObject)b["input"]!))));
        app.MapPost("/v1/estimate", async (JsonObject b, IVideoStudio s) =>
        {
            var r = await s.EstimateAsync((string)b["model"]!, (JsonObject)b["input"]!, Hints(b));
            return r.Estimate is null ? Results.Json(new { title = "invalid", errors = r.Validation.Errors.Select(ApiViews.Issue) }, Json.Options, statusCode: 422) : J(ApiViews.Estimate(r.Estimate, r.Validation.Warnings));
        });
        app.MapPost("/v1/compare", async (JsonObject b, IVideoStudio s) =>
            J(await s.CompareAsync(b["models"]!.AsArray().Select(x => (string)x!).ToArray(), (JsonObject)b["input"]!, Hints(b))));
        app.MapPost("/v1/jobs", async (JsonObject b, IVideoJobs jobs) =>
        {
            JobRecord job = await jobs.SubmitAsync(new VideoRequest((string)b["model"]!, (JsonObject)b["input"]!) { Owner = owner });
            return Results.Json(job, Json.Options, statusCode: 202);
        });
        app.MapGet("/v1/jobs", async (IVideoJobs jobs) => J(await jobs.ListAsync(owner)));
        app.MapGet("/v1/jobs/{id}", async (string id, IVideoJobs jobs) => J((await jobs.GetAsync(id, owner))!));
        app.MapGet("/v1/jobs/{id}/events", async (string id, IVideoJobs jobs, HttpContext http) =>
        {
            http.Response.ContentType = "text/event-stream";
            await foreach (JobEvent e in jobs.WatchAsync(id, owner, http.RequestAborted))
            {
                await http.Response.WriteAsync($"event: job\ndata: {JsonSerializer.Serialize(e, Json.Options)}\n\n");
                await http.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/v1/jobs/{id}/output", async (string id, IVideoJobs jobs) =>
            Results.File((await jobs.GetAsync(id, owner))!.Outputs[0].LocalPath!, "video/mp4", enableRangeProcessing: true));
        app.MapPost("/v1/uploads", async (HttpRequest req) =>
        {
            IFormFile file = (await req.ReadFormAsync()).Files["file"]!;
            string path = Path.Combine(data, "uploads", Guid.NewGuid().ToString("N") + Path.GetExtension(file.FileName));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (FileStream f = File.Create(path))
            {
                await file.CopyToAsync(f);
            }

            return J(new { path, contentType = file.ContentType, sizeBytes = file.Length });
        }).DisableAntiforgery();
        return app;
    }

    private static Dictionary<string, double>? Hints(JsonObject b) =>
        b["mediaDurations"] is JsonObject o ? o.ToDictionary(kv => kv.Key, kv => (double)kv.Value!) : null;
}
