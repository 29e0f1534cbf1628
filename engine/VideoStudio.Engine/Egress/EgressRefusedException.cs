namespace VideoStudio.Engine.Egress;

/// <summary>
/// A URL the egress policy does not allow. The message says only that: never what is (or is not) at the address,
/// so a refusal tells a caller nothing about the host's network.
/// </summary>
internal sealed class EgressRefusedException : Exception
{
    /// <summary>The one message every refusal carries.</summary>
    public const string Text = "The URL is not allowed: the server fetches only public http(s) addresses (and its provider's hosts).";

    /// <summary>Creates the exception.</summary>
    public EgressRefusedException()
        : base(Text)
    {
    }

    /// <summary>Creates the exception (for serializers and tests).</summary>
    public EgressRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers and tests).</summary>
    public EgressRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>True when <paramref name="error"/> or one of its inner exceptions is a refusal.</summary>
    public static bool IsRefusal(Exception? error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is EgressRefusedException)
            {
                return true;
            }
        }

        return false;
    }
}
