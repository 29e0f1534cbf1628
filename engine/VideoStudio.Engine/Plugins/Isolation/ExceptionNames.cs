namespace VideoStudio.Engine.Plugins.Isolation;

/// <summary>
/// The exception type names a worker may report: only those of the runtime's own library. A plugin can name its own
/// exception type anything (even build one at run time from a value it read), so any other name is reported as
/// "an exception" and plugin text never reaches an answer.
/// </summary>
internal static class ExceptionNames
{
    private static readonly HashSet<string> Runtime = typeof(Exception).Assembly.GetExportedTypes()
        .Where(t => typeof(Exception).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary><paramref name="name"/> when it is a runtime exception type's name, else "an exception".</summary>
    public static string Known(string name) => Runtime.Contains(name) ? name : "an exception";
}
