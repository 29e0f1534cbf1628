using System.Reflection;
using System.Text.Json.Nodes;

namespace VideoStudio.Simulator.Catalogue;

/// <summary>
/// The provider models the simulator lists beyond its installed plugins (<c>Catalogue/*.json</c>, embedded): entries in
/// the shape of WaveSpeed's <c>GET /api/v3/models</c> (request schema with <c>x-order-properties</c>, <c>base_price</c>,
/// a JSONata <c>formula</c>), each with an <c>x-videostudio-provenance</c> object saying which reference document its
/// facts come from and how sure they are. A fact the reference does not give is absent (no formula: price unknown),
/// never invented. <c>plugins import</c> reads these entries as it reads the real catalogue.
/// </summary>
internal sealed class ProviderCatalogue
{
    private const string Prefix = "VideoStudio.Simulator.Catalogue.";

    private ProviderCatalogue(IReadOnlyList<JsonObject> entries) => Entries = entries;

    /// <summary>Every entry, in file order.</summary>
    public IReadOnlyList<JsonObject> Entries { get; }

    /// <summary>Ids of the entries.</summary>
    public IEnumerable<string> Ids => Entries.Select(e => e["model_id"]!.GetValue<string>());

    /// <summary>Reads the embedded catalogue files.</summary>
    public static ProviderCatalogue Load()
    {
        Assembly assembly = typeof(ProviderCatalogue).Assembly;
        var entries = new List<JsonObject>();
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            entries.AddRange((JsonNode.Parse(stream) as JsonArray ?? []).OfType<JsonObject>());
        }

        return new ProviderCatalogue(entries);
    }
}
