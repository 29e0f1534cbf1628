namespace VideoStudio.Tests.Providers.WaveSpeed;

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts to the thread pool, which races assertions).</summary>
internal sealed class LastValueProgress : IProgress<long>
{
    public long Last { get; private set; }

    public int Reports { get; private set; }

    public void Report(long value)
    {
        Last = value;
        Reports++;
    }
}
