using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Providers;

/// <summary>
/// One <see cref="IVideoProvider"/> over several adapters, so the jobs keep holding one provider: a submission goes
/// to the adapter the model's plugin names (<see cref="IModelProviders"/>), every call about a task to the adapter
/// that owns it (a routed adapter's task ids travel qualified as <c>name:id</c>; an unqualified id is the primary's,
/// so jobs stored before routing existed read as before), a download to the adapter owning the URL's scheme. A model
/// of the primary's provider (or one the catalog does not know) goes to the primary adapter; a model naming a provider
/// this host has no adapter for is refused with nothing sent, never handed to the primary (which would run, and bill,
/// another provider's model under a record naming the first). Optional capabilities are offered exactly when an
/// adapter has them, each call routed to the adapter it concerns.
/// </summary>
public sealed class RoutingVideoProvider : IVideoProvider, IProviderRouting
{
    private readonly IVideoProvider primary;
    private readonly IReadOnlyList<ProviderRoute> routes;
    private readonly IModelProviders models;
    private readonly string primaryName;

    /// <summary>
    /// Routes between <paramref name="primary"/> and <paramref name="routes"/> by <paramref name="models"/>;
    /// <paramref name="primaryName"/> is the provider name of the models the primary serves (manifests name
    /// <see cref="DefaultPrimaryName"/> when they name none).
    /// </summary>
    public RoutingVideoProvider(IVideoProvider primary, IEnumerable<ProviderRoute> routes, IModelProviders models, string primaryName = DefaultPrimaryName)
    {
        this.primary = primary ?? throw new ArgumentNullException(nameof(primary));
        this.models = models ?? throw new ArgumentNullException(nameof(models));
        ArgumentException.ThrowIfNullOrWhiteSpace(primaryName);
        this.primaryName = primaryName;
        this.routes = [.. routes];
        if (this.routes.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() != this.routes.Count)
        {
            throw new ArgumentException("Two provider routes share a name.", nameof(routes));
        }

        if (this.routes.Any(r => r.Name == primaryName))
        {
            throw new ArgumentException($"A route is named '{primaryName}', the primary adapter's provider.", nameof(routes));
        }
    }

    /// <summary>The provider name of the primary adapter's models: what a manifest naming no provider means.</summary>
    public const string DefaultPrimaryName = "wavespeed";

    /// <summary>The primary adapter's: jobs are stored, resumed and limited under its account, whichever adapter runs them.</summary>
    public VideoProviderMetadata Metadata => primary.Metadata;

    /// <inheritdoc />
    public async Task<ProviderTask> SubmitAsync(string modelId, JsonObject input, Uri? webhook, CancellationToken cancellationToken)
    {
        ProviderRoute? route = await RouteAsync(modelId, cancellationToken).ConfigureAwait(false);
        return route is null
            ? await primary.SubmitAsync(modelId, input, webhook, cancellationToken).ConfigureAwait(false)
            : Qualify(route, await route.Provider.SubmitAsync(modelId, input, webhook, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<ProviderTask> GetResultAsync(string taskId, CancellationToken cancellationToken)
    {
        (ProviderRoute? route, string id) = Owner(taskId);
        return route is null
            ? await primary.GetResultAsync(id, cancellationToken).ConfigureAwait(false)
            : Qualify(route, await route.Provider.GetResultAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderTask>> ListTasksAsync(ProviderTaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Model is not null)
        {
            ProviderRoute? route = await RouteAsync(query.Model, cancellationToken).ConfigureAwait(false);
            return route is null
                ? await primary.ListTasksAsync(query, cancellationToken).ConfigureAwait(false)
                : [.. (await route.Provider.ListTasksAsync(query, cancellationToken).ConfigureAwait(false)).Select(t => Qualify(route, t))];
        }

        var all = new List<ProviderTask>(await primary.ListTasksAsync(query, cancellationToken).ConfigureAwait(false));
        foreach (ProviderRoute route in routes)
        {
            all.AddRange((await route.Provider.ListTasksAsync(query, cancellationToken).ConfigureAwait(false)).Select(t => Qualify(route, t)));
        }

        return all;
    }

    /// <summary>The primary adapter's upload: a caller that knows the model uploads through <see cref="VideoProviderExtensions.ForModelAsync"/>.</summary>
    public Task<Uri> UploadAsync(string localPath, IProgress<long>? bytesSent, CancellationToken cancellationToken) =>
        primary.UploadAsync(localPath, bytesSent, cancellationToken);

    /// <inheritdoc />
    public Task<DownloadedFile> DownloadAsync(Uri url, string destinationPath, IProgress<long>? bytesReceived, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ProviderRoute? route = routes.FirstOrDefault(r => r.UrlSchemes.Contains(url.Scheme, StringComparer.OrdinalIgnoreCase));
        return (route?.Provider ?? primary).DownloadAsync(url, destinationPath, bytesReceived, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<IVideoProvider?> RouteOfAsync(string modelId, CancellationToken cancellationToken) =>
        (await RouteAsync(modelId, cancellationToken).ConfigureAwait(false))?.Provider;

    /// <summary>
    /// This router, its routed view of a capability some adapter offers (null when none does: never invented), or the
    /// first adapter's answer for any other type (the adapters themselves).
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        IEnumerable<IVideoProvider> adapters = [primary, .. routes.Select(r => r.Provider)];
        if (serviceKey is null && RoutedCapability(serviceType) is { } routed)
        {
            return adapters.Any(a => a.GetService(serviceType) is not null) ? routed : null;
        }

        return adapters.Select(a => a.GetService(serviceType, serviceKey)).FirstOrDefault(s => s is not null);
    }

    private object? RoutedCapability(Type serviceType) =>
        serviceType == typeof(IProviderQuotes) ? new RoutedQuotes(this)
        : serviceType == typeof(IProviderCharges) ? new RoutedCharges(this)
        : serviceType == typeof(IProviderCatalog) ? new RoutedCatalog(this)
        : serviceType == typeof(IProviderWebhooks) ? new RoutedWebhooks(this)
        : null;

    // Null: the primary's. A provider name with neither a route nor the primary's name is refused before anything is sent.
    private async ValueTask<ProviderRoute?> RouteAsync(string modelId, CancellationToken cancellationToken)
    {
        string? name = await models.ProviderOfAsync(modelId, cancellationToken).ConfigureAwait(false);
        if (name is null || name == primaryName)
        {
            return null;
        }

        return routes.FirstOrDefault(r => r.Name == name)
            ?? throw new ProviderException(ProviderErrorKind.ProviderFailure,
                $"'{modelId}' is served by the provider '{name}', and this host has no adapter for it (add one with AddProviderRoute(\"{name}\", …)); nothing was sent.",
                nothingCreated: true);
    }

    private (ProviderRoute? Route, string Id) Owner(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        int colon = taskId.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && routes.FirstOrDefault(r => string.CompareOrdinal(r.Name, 0, taskId, 0, colon) == 0 && r.Name.Length == colon) is { } route)
        {
            return (route, taskId[(colon + 1)..]);
        }

        return (null, taskId);
    }

    private IVideoProvider AdapterOf(string taskId) => Owner(taskId).Route?.Provider ?? primary;

    private string InnerId(string taskId) => Owner(taskId).Id;

    private static ProviderTask Qualify(ProviderRoute route, ProviderTask task) => task with { Id = route.Name + ":" + task.Id };

    private sealed class RoutedQuotes(RoutingVideoProvider router) : IProviderQuotes
    {
        public async Task<decimal?> QuoteAsync(string modelId, JsonObject input, CancellationToken cancellationToken)
        {
            IVideoProvider adapter;
            try
            {
                adapter = (await router.RouteAsync(modelId, cancellationToken).ConfigureAwait(false))?.Provider ?? router.primary;
            }
            catch (ProviderException ex) when (ex.NothingCreated)
            {
                return null; // no adapter serves the model here: its price is unknown, never the primary's
            }

            return adapter.GetService<IProviderQuotes>() is { } quotes ? await quotes.QuoteAsync(modelId, input, cancellationToken).ConfigureAwait(false) : null;
        }
    }

    // An adapter without billing records has none for its tasks: null, never $0.
    private sealed class RoutedCharges(RoutingVideoProvider router) : IProviderCharges
    {
        public Task<decimal?> GetChargeAsync(string taskId, CancellationToken cancellationToken) =>
            router.AdapterOf(taskId).GetService<IProviderCharges>() is { } charges
                ? charges.GetChargeAsync(router.InnerId(taskId), cancellationToken)
                : Task.FromResult<decimal?>(null);
    }

    private sealed class RoutedCatalog(RoutingVideoProvider router) : IProviderCatalog
    {
        public async Task<IReadOnlyList<LiveModel>> GetModelsAsync(CancellationToken cancellationToken)
        {
            var all = new List<LiveModel>();
            foreach (IProviderCatalog catalog in new[] { router.primary }.Concat(router.routes.Select(r => r.Provider)).Select(a => a.GetService<IProviderCatalog>()).OfType<IProviderCatalog>())
            {
                all.AddRange(await catalog.GetModelsAsync(cancellationToken).ConfigureAwait(false));
            }

            return all;
        }
    }

    // A delivery names no adapter: the primary's verifier reads it when it has one, else the first routed adapter's
    // (whose task id then travels qualified, as every id of that adapter does).
    private sealed class RoutedWebhooks(RoutingVideoProvider router) : IProviderWebhooks
    {
        public ProviderWebhook ReadWebhook(IReadOnlyDictionary<string, string> headers, string rawBody, string secret)
        {
            if (router.primary.GetService<IProviderWebhooks>() is { } own)
            {
                return own.ReadWebhook(headers, rawBody, secret);
            }

            ProviderRoute route = router.routes.First(r => r.Provider.GetService<IProviderWebhooks>() is not null);
            ProviderWebhook delivery = route.Provider.GetService<IProviderWebhooks>()!.ReadWebhook(headers, rawBody, secret);
            return delivery.Task is null ? delivery : delivery with { Task = Qualify(route, delivery.Task) };
        }
    }
}
