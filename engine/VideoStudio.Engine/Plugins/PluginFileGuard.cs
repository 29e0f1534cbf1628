using System.Text;
using System.Text.Json;
using VideoStudio.Engine.Catalog;

namespace VideoStudio.Engine.Plugins;

/// <summary>
/// The only way plugin data files are read: size checked on the file system before opening, then the whole text
/// walked with System.Text.Json's reader at the configured depth, so no other parser (NJsonSchema's Newtonsoft
/// included) ever sees an oversized, too-deep or malformed file.
/// </summary>
public sealed class PluginFileGuard(PluginLimits limits)
{
    /// <summary>The limits applied.</summary>
    public PluginLimits Limits { get; } = limits;

    /// <summary>Reads <paramref name="fullPath"/> (named <paramref name="displayName"/> in reasons) as checked JSON text.</summary>
    /// <exception cref="PluginQuarantineException">The file is missing, too large, too deep, not UTF-8 or not JSON.</exception>
    public async Task<string> ReadJsonAsync(string fullPath, string displayName, CancellationToken cancellationToken)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            throw new PluginQuarantineException($"{displayName} does not exist in the plugin folder.");
        }

        if (info.Length > Limits.MaxFileBytes)
        {
            throw new PluginQuarantineException($"{displayName} is {info.Length:N0} bytes, over the limit of {Limits.MaxFileBytes:N0} bytes per plugin data file (VideoStudio:PluginLimits:MaxFileBytes); it was not read.");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginQuarantineException($"{displayName} could not be read: {ex.Message}", ex);
        }

        if (bytes.LongLength > Limits.MaxFileBytes)
        {
            throw new PluginQuarantineException($"{displayName} grew past the limit of {Limits.MaxFileBytes:N0} bytes while it was read; it was not used.");
        }

        CheckJson(bytes, displayName);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException ex)
        {
            throw new PluginQuarantineException($"{displayName} is not UTF-8 text: {ex.Message}", ex);
        }
    }

    private void CheckJson(byte[] bytes, string displayName)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = Limits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                // Walk every token: the reader enforces the depth and the syntax.
            }
        }
        catch (JsonException ex)
        {
            string why = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"nests deeper than the limit of {Limits.MaxJsonDepth} levels (VideoStudio:PluginLimits:MaxJsonDepth)"
                : $"is not valid JSON ({ex.Message})";
            throw new PluginQuarantineException($"{displayName} {why}; the folder was not loaded.", ex);
        }
    }
}
