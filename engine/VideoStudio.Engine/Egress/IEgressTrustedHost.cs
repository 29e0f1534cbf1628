namespace VideoStudio.Engine.Egress;

/// <summary>
/// A host the engine itself is configured to talk to (the provider's API), allowed through the egress policy
/// wherever it resolves. Registered by the component that owns the setting, so the policy knows no provider.
/// </summary>
public interface IEgressTrustedHost
{
    /// <summary>True when <paramref name="host"/>:<paramref name="port"/> is this component's configured host.</summary>
    bool Trusts(string host, int port);
}
