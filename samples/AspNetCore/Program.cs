using VideoStudio.Engine.Hosting;
using VideoStudio.Server;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddVideoStudio(builder.Configuration).AddVideoStudioServer(builder.Configuration);
WebApplication app = builder.Build();
app.MapVideoStudio();   // the API at /v1, health at /health/ready, the console at /
app.Run();
