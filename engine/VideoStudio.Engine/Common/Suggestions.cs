namespace VideoStudio.Engine.Common;

/// <summary>
/// "Did you mean" candidates by edit distance. Only ever used to word an error message: nothing is routed
/// to a suggestion (the reference system's fuzzy routing sent "ltx-2" to LTX-2 Pro).
/// </summary>
public static class Suggestions
{
    /// <summary>Returns up to <paramref name="max"/> candidates closest to <paramref name="input"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        string needle = input.Trim().ToLowerInvariant();
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Score: Score(needle, c.ToLowerInvariant())))
            .Where(x => x.Score <= Math.Max(3, needle.Length / 2) || x.Candidate.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Candidate)
            .ToArray();
    }

    // Distance to the candidate, or to its best-matching path segment when the input looks like a short name.
    private static int Score(string needle, string candidate)
    {
        int whole = Levenshtein(needle, candidate);
        if (needle.Contains('/', StringComparison.Ordinal))
        {
            return whole;
        }

        int segment = candidate.Split('/').Min(s => Levenshtein(needle, s)) + 1;
        return Math.Min(whole, segment);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
