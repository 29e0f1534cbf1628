using System.Security.Cryptography;

namespace VideoStudio.Simulator.Tasks;

/// <summary>The account's webhook signing secret (<c>whsec_…</c>), fixed for the simulator's lifetime.</summary>
internal sealed class WebhookSecret(SimulatorOptions options)
{
    public string Value { get; } = options.WebhookSecret ?? "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
