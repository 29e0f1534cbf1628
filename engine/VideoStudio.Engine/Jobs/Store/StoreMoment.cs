namespace VideoStudio.Engine.Jobs.Store;

/// <summary>
/// The store's time at one call, and how far it is from the caller's clock: times a caller passes in are moved onto
/// the store's clock and times handed back are moved onto the caller's, so a host whose clock is off still agrees
/// with every other on when a lease lapses.
/// </summary>
/// <param name="Now">The store's time (Unix ms).</param>
/// <param name="Offset">The store's time minus the caller's (ms).</param>
internal readonly record struct StoreMoment(long Now, long Offset)
{
    /// <summary>A caller's time on the store's clock (Unix ms).</summary>
    public long ToStore(DateTimeOffset callerTime) => callerTime.ToUnixTimeMilliseconds() + Offset;

    /// <summary>A store time (Unix ms) on the caller's clock.</summary>
    public DateTimeOffset ToCaller(long storeTime) => DateTimeOffset.FromUnixTimeMilliseconds(storeTime - Offset);
}
