using VideoStudio.Contracts;

namespace VideoStudio.Engine.Common;

/// <summary>One media format VideoStudio knows: its name, kind, MIME type and file extension (see <see cref="MediaFormats"/>).</summary>
/// <param name="Name">The format's name as input schemas write it in <c>x-media.formats</c> and <c>x-output.format</c>, e.g. <c>jpeg</c>.</param>
/// <param name="Kind">What the format holds.</param>
/// <param name="ContentType">Its MIME type, e.g. <c>image/jpeg</c>.</param>
/// <param name="Extension">The extension to store it with, including the dot, e.g. <c>.jpg</c>.</param>
/// <param name="OtherExtensions">Extensions also read as this format, e.g. <c>.jpeg</c>.</param>
/// <param name="OtherContentTypes">MIME types also read as this format (non-standard ones servers send, e.g. <c>audio/x-wav</c>).</param>
public sealed record MediaFormat(
    string Name,
    MediaKind Kind,
    string ContentType,
    string Extension,
    IReadOnlyList<string> OtherExtensions,
    IReadOnlyList<string> OtherContentTypes);
