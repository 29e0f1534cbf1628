using Microsoft.Extensions.Options;

namespace VideoStudio.Tests.Support;

/// <summary>Options that never change, for classes that take an <see cref="IOptionsMonitor{TOptions}"/>.</summary>
internal sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
