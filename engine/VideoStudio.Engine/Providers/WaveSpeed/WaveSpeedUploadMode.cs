namespace VideoStudio.Engine.Providers.WaveSpeed;

/// <summary>Which upload protocol <see cref="IVideoProvider.UploadAsync"/> speaks (wavespeed-api.md §12).</summary>
public enum WaveSpeedUploadMode
{
    /// <summary>The documented multipart <c>POST /api/v3/media/upload/binary</c> with a <c>file</c> part.</summary>
    Binary,

    /// <summary>The newer SDKs' ticket (<c>POST /api/v3/media/uploads</c>) then a pre-signed PUT; not publicly documented.</summary>
    TwoStep,
}
