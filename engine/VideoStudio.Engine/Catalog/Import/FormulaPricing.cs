using System.Text.Json.Nodes;

namespace VideoStudio.Engine.Catalog.Import;

/// <summary>
/// Turns a parsed price formula into a pricing rule (<c>schemas/pricing.schema.json</c>) when it is a product of
/// constants, <c>base_price</c>, one billed-seconds term (an input field or <c>get_duration_v3(media)</c>, with
/// <c>$ceil</c>, <c>$max</c>, <c>$min</c> and per-block division) and conditionals on input values. Such a rule prices
/// exactly what the formula does; any other shape is refused with the reason, and the importer leaves the price
/// unknown (live quote) rather than approximate it.
/// </summary>
internal static class FormulaPricing
{
    /// <summary>The billing, rate and multipliers of the rule, or the reason the formula cannot be expressed.</summary>
    public sealed record Conversion(JsonObject? Billing, JsonObject? Rate, JsonArray? Multipliers, string? Refusal);

    private sealed record Seconds(string Field, bool FromMedia, bool RoundUp, decimal? Min, decimal? Max, decimal? Block);

    private sealed record Table(string Field, IReadOnlyList<(JsonNode Value, decimal Usd)> Cases, decimal Else);

    /// <summary>Converts <paramref name="formula"/>; <paramref name="enums"/> gives each input's allowed values (for conditionals' else branch).</summary>
    public static Conversion Convert(string formula, decimal? basePrice, IReadOnlyDictionary<string, JsonArray> enums, ISet<string> numericFields)
    {
        try
        {
            var factors = new List<(FormulaNode Node, bool Divide)>();
            Flatten(FormulaParser.Parse(formula), false, factors);
            decimal constant = 1;
            Seconds? seconds = null;
            var tables = new List<Table>();
            foreach ((FormulaNode node, bool divide) in factors)
            {
                if (Constant(node, basePrice) is decimal c)
                {
                    constant = divide ? Divide(constant, c) : constant * c;
                }
                else if (!divide && seconds is null && ReadSeconds(node, numericFields) is { } s)
                {
                    seconds = s;
                }
                else if (!divide && ReadTable(node, basePrice) is { } t)
                {
                    tables.Add(t);
                }
                else
                {
                    return Refuse($"the term {Describe(node)} is not a constant, a billed duration or a choice by input value");
                }
            }

            return Build(constant, seconds, tables, enums);
        }
        catch (Exception ex) when (ex is FormatException or ArithmeticException or InvalidOperationException)
        {
            return Refuse(ex.Message);
        }
    }

    private static Conversion Build(decimal constant, Seconds? seconds, List<Table> tables, IReadOnlyDictionary<string, JsonArray> enums)
    {
        var billing = new JsonObject();
        if (seconds is null)
        {
            billing["unit"] = "run";
        }
        else
        {
            billing["unit"] = seconds.Block is null ? "second" : "block";
            if (seconds.Block is decimal block)
            {
                billing["blockSeconds"] = block;
                billing["blockRounding"] = "up";
            }

            billing["duration"] = new JsonObject { ["from"] = seconds.FromMedia ? "media" : "field", ["field"] = seconds.Field };
            if (seconds.RoundUp)
            {
                billing["roundSeconds"] = "up";
            }

            if (seconds.Min is decimal min)
            {
                billing["minSeconds"] = min;
            }

            if (seconds.Max is decimal max)
            {
                billing["maxSeconds"] = max;
            }
        }

        // The first choice over a field's values selects the rate; a boolean choice, or any later one, becomes
        // multipliers relative to its else branch.
        // A choice whose else branch is 1 reads as a factor ("x2 at 720p") and stays one.
        Table? byTable = tables.FirstOrDefault(t => t.Else != 1 && t.Cases.All(c => c.Value is JsonValue v && v.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)));
        var multipliers = new JsonArray();
        foreach (Table t in tables.Where(t => t != byTable))
        {
            constant *= Positive(t.Else);
            foreach ((JsonNode value, decimal usd) in t.Cases)
            {
                decimal factor = Divide(usd, t.Else);
                if (factor != 1)
                {
                    multipliers.Add(new JsonObject { ["field"] = t.Field, ["equals"] = value.DeepClone(), ["factor"] = Positive(factor), ["label"] = $"{t.Field} = {value.ToJsonString()}" });
                }
            }
        }

        JsonObject rate;
        if (byTable is null)
        {
            rate = new JsonObject { ["usd"] = Positive(constant) };
        }
        else
        {
            var usd = new JsonObject();
            foreach ((JsonNode value, decimal v) in byTable.Cases)
            {
                usd[Key(value)] = Positive(constant * v);
            }

            foreach (JsonNode? allowed in enums.GetValueOrDefault(byTable.Field) ?? [])
            {
                if (allowed is not null && !usd.ContainsKey(Key(allowed)))
                {
                    usd[Key(allowed)] = Positive(constant * byTable.Else);
                }
            }

            rate = new JsonObject { ["by"] = byTable.Field, ["usd"] = usd };
        }

        return new Conversion(billing, rate, multipliers, null);
    }

    private static string Key(JsonNode value) => value is JsonValue v && v.TryGetValue(out string? s) ? s : value.ToJsonString();

    private static void Flatten(FormulaNode node, bool divide, List<(FormulaNode, bool)> into)
    {
        if (node is FormulaNode.Binary { Operator: "*" } times)
        {
            Flatten(times.Left, divide, into);
            Flatten(times.Right, divide, into);
        }
        else if (node is FormulaNode.Binary { Operator: "/" } over && !divide)
        {
            Flatten(over.Left, false, into);
            Flatten(over.Right, true, into);
        }
        else
        {
            into.Add((node, divide));
        }
    }

    private static decimal? Constant(FormulaNode node, decimal? basePrice) => node switch
    {
        FormulaNode.Number n => n.Value,
        FormulaNode.Name { Value: "base_price" } => basePrice ?? throw new InvalidOperationException("the formula uses base_price and the catalogue gives none"),
        _ => null,
    };

    private static Seconds? ReadSeconds(FormulaNode node, ISet<string> numericFields)
    {
        switch (node)
        {
            case FormulaNode.Name n when numericFields.Contains(n.Value):
                return new Seconds(n.Value, false, false, null, null, null);
            case FormulaNode.Call { Function: "get_duration_v3" or "$get_duration_v3", Arguments: [FormulaNode.Name media] }:
                return new Seconds(media.Value, true, false, null, null, null);
            case FormulaNode.Call { Function: "$ceil", Arguments: [FormulaNode.Binary { Operator: "/", Right: FormulaNode.Number block } over] }:
                return ReadSeconds(over.Left, numericFields) is { Block: null } inner ? inner with { RoundUp = true, Block = block.Value } : null;
            case FormulaNode.Call { Function: "$ceil", Arguments: [var x] }:
                return ReadSeconds(x, numericFields) is { Block: null } s ? s with { RoundUp = true } : null;
            case FormulaNode.Call { Function: "$max", Arguments: [FormulaNode.List { Items: [var a, var b] }] }:
                return Bound(a, b, numericFields) is (decimal min, Seconds lower) && lower.Block is null ? lower with { Min = min } : null;
            case FormulaNode.Call { Function: "$min", Arguments: [FormulaNode.List { Items: [var a, var b] }] }:
                return Bound(a, b, numericFields) is (decimal max, Seconds upper) && upper.Block is null ? upper with { Max = max } : null;
            default:
                return null;
        }
    }

    // $max([5, x]) / $min([x, 600]): a number and a billed duration, in either order.
    private static (decimal, Seconds)? Bound(FormulaNode a, FormulaNode b, ISet<string> numericFields) => (a, b) switch
    {
        (FormulaNode.Number n, _) when ReadSeconds(b, numericFields) is { } s => (n.Value, s),
        (_, FormulaNode.Number n) when ReadSeconds(a, numericFields) is { } s => (n.Value, s),
        _ => null,
    };

    private static Table? ReadTable(FormulaNode node, decimal? basePrice)
    {
        string? field = null;
        var cases = new List<(JsonNode, decimal)>();
        FormulaNode current = node;
        while (current is FormulaNode.Conditional c)
        {
            (string name, JsonNode value) = c.Condition switch
            {
                FormulaNode.Name n => (n.Value, JsonValue.Create(true)),
                FormulaNode.Binary { Operator: "=", Left: FormulaNode.Name n, Right: var literal } => (n.Value, (JsonNode)Literal(literal)),
                _ => throw new InvalidOperationException($"the condition {Describe(c.Condition)} is not a comparison of one input with a value"),
            };
            if (field is not null && field != name)
            {
                throw new InvalidOperationException($"one choice compares two inputs ({field}, {name})");
            }

            field = name;
            cases.Add((value, Value(c.Then, basePrice)));
            current = c.Else;
        }

        return field is null ? null : new Table(field, cases, Value(current, basePrice));
    }

    private static decimal Value(FormulaNode node, decimal? basePrice) => node switch
    {
        FormulaNode.Binary { Operator: "*" } b => Value(b.Left, basePrice) * Value(b.Right, basePrice),
        _ => Constant(node, basePrice) ?? throw new InvalidOperationException($"a choice's result {Describe(node)} is not a number"),
    };

    private static JsonValue Literal(FormulaNode node) => node switch
    {
        FormulaNode.Text t => JsonValue.Create(t.Value),
        FormulaNode.Number n => JsonValue.Create(n.Value),
        FormulaNode.Flag f => JsonValue.Create(f.Value),
        _ => throw new InvalidOperationException($"{Describe(node)} is not a literal value"),
    };

    // Exact or refused: a rate that only approximates the formula would be a guessed price.
    private static decimal Divide(decimal a, decimal b)
    {
        if (b == 0)
        {
            throw new InvalidOperationException("division by zero");
        }

        decimal q = a / b;
        return q * b == a ? q : throw new InvalidOperationException($"{a} / {b} is not an exact decimal");
    }

    // A zero or negative rate is never written: unknown is unknown, never $0.
    private static decimal Positive(decimal usd) => usd > 0 ? usd : throw new InvalidOperationException($"the formula yields a rate of {usd}, not a positive price");

    private static string Describe(FormulaNode node) => node.GetType().Name.ToLowerInvariant() switch
    {
        _ when node is FormulaNode.Name n => $"'{n.Value}'",
        _ when node is FormulaNode.Call c => $"'{c.Function}(…)'",
        var kind => kind,
    };

    private static Conversion Refuse(string reason) => new(null, null, null, reason);
}
