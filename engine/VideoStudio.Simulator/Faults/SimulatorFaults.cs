namespace VideoStudio.Simulator;

/// <summary>
/// The fault rules in force, changeable while the simulator runs (from code or <c>POST /_simulator/faults</c>).
/// Rules are matched in the order added; a rule with a count is removed once spent. Probabilities use a
/// seeded generator, so the same sequence of requests gets the same faults.
/// </summary>
public sealed class SimulatorFaults(int seed = 1)
{
    private readonly Lock gate = new();
    private readonly List<FaultRule> rules = [];
    private readonly Dictionary<FaultRule, int> remaining = new(ReferenceEqualityComparer.Instance);
    private readonly Random random = new(seed);

    /// <summary>The rules still in force.</summary>
    public IReadOnlyList<FaultRule> Active
    {
        get
        {
            lock (gate)
            {
                return rules.ToArray();
            }
        }
    }

    /// <summary>Adds a rule; returns this for chaining.</summary>
    public SimulatorFaults Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (gate)
        {
            rules.Add(rule);
            if (rule.Count is int count)
            {
                remaining[rule] = count;
            }
        }

        return this;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            remaining.Clear();
        }
    }

    /// <summary>Consumes and returns the first rule for <paramref name="target"/> among <paramref name="kinds"/> that fires now.</summary>
    internal FaultRule? Take(FaultTarget target, string? modelId, params FaultKind[] kinds)
    {
        lock (gate)
        {
            foreach (FaultRule rule in rules)
            {
                if (rule.Target != target || !kinds.Contains(rule.Kind) || (rule.ModelId is not null && rule.ModelId != modelId))
                {
                    continue;
                }

                if (rule.Probability < 1.0 && random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                if (remaining.TryGetValue(rule, out int left))
                {
                    if (left <= 1)
                    {
                        rules.Remove(rule);
                        remaining.Remove(rule);
                    }
                    else
                    {
                        remaining[rule] = left - 1;
                    }
                }

                return rule;
            }

            return null;
        }
    }
}
