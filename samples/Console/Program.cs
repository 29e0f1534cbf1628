using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoStudio.Contracts;
using VideoStudio.Engine.Hosting;
using VideoStudio.Engine.Jobs;
using VideoStudio.Engine.Jobs.Facade;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddVideoStudio(builder.Configuration);   // no key: the embedded simulator, nothing billed
using IHost host = builder.Build();
await host.StartAsync();
IVideoStudio studio = host.Services.GetRequiredService<IVideoStudio>();
IVideoJobs jobs = host.Services.GetRequiredService<IVideoJobs>();

const string model = "lightricks/ltx-2-fast/text-to-video";
var input = new JsonObject { ["prompt"] = "a paper boat drifting down a gutter stream after rain", ["duration"] = 6 };
Console.WriteLine($"valid: {(await studio.ValidateAsync(model, input)).Valid}");
Console.WriteLine($"estimate: ${(await studio.EstimateAsync(model, input)).Estimate?.TotalUsd}");
JobView job = await jobs.SubmitAsync(new VideoRequest(model, input));
job = await jobs.WaitAsync(job.Id, job.Owner);
Console.WriteLine($"job {job.Id}: {job.State} {string.Join(' ', job.Outputs.Select(o => o.LocalPath))}");
await host.StopAsync();
return job.State == JobState.Completed ? 0 : 1;
