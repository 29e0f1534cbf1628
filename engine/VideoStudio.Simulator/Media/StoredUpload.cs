namespace VideoStudio.Simulator.Media;

/// <summary>An uploaded file (or a ticket still waiting for its PUT).</summary>
internal sealed record StoredUpload(string Id, string FileName, string ContentType, long DeclaredSize, string PutToken, string FilePath, DateTimeOffset CreatedAt)
{
    public bool Complete { get; set; }

    /// <summary>WaveSpeed's coarse kind: image, video, audio or file.</summary>
    public string Kind => ContentType.Split('/')[0] switch
    {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ => "file",
    };
}
