using Microsoft.Playwright;

namespace VideoStudio.BrowserTests;

/// <summary>Debian's headless Chromium (no Playwright browser download), one fresh profile per run.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly string profile;

    private BrowserSession(IPlaywright playwright, IBrowserContext context, string profile)
    {
        this.playwright = playwright;
        Context = context;
        this.profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<BrowserSession> StartAsync(string baseUrl)
    {
        string executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        IPlaywright playwright = await Playwright.CreateAsync();
        string profile = Path.Combine(Path.GetTempPath(), "videostudio-chromium-" + Guid.NewGuid().ToString("N"));
        // A persistent context is how Playwright takes a user-data dir; a fresh one keeps runs independent.
        IBrowserContext context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
            BaseURL = baseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Timeout = 20_000,
        });
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(playwright, context, profile);
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        playwright.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
