namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Reads a response body into an envelope, throwing the typed error when HTTP or the envelope says failure.</summary>
internal static class WaveSpeedResponseReader
{
    /// <exception cref="ProviderException">Error status, error envelope, or an unreadable success body.</exception>
    public static async Task<WaveSpeedEnvelope> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        WaveSpeedEnvelope? envelope = WaveSpeedEnvelope.Parse(text);
        int status = (int)response.StatusCode;
        if (WaveSpeedErrorClassifier.Classify(status, envelope, what) is ProviderException error)
        {
            throw error;
        }

        return envelope ?? throw new ProviderException(ProviderErrorKind.ProviderFailure,
            $"WaveSpeed {what} answered HTTP {status} with a body that is not JSON.", status);
    }
}
