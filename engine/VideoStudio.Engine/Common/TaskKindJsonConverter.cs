using System.Text.Json;
using System.Text.Json.Serialization;
using VideoStudio.Contracts;

namespace VideoStudio.Engine.Common;

/// <summary>Writes <see cref="TaskKind"/> as its plain string value.</summary>
internal sealed class TaskKindJsonConverter : JsonConverter<TaskKind>
{
    /// <inheritdoc />
    public override TaskKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A task kind must be a string."));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TaskKind value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
