using System.Globalization;
using System.Text;

namespace VideoStudio.Engine.Catalog.Import;

/// <summary>
/// Parses the subset of JSONata that WaveSpeed's price formulas use (wavespeed-api.md §14), e.g.
/// <c>{"total_price": $max([5, $ceil(get_duration_v3(audio))]) / 5 * base_price * (resolution = "720p" ? 2 : 1)}</c>:
/// numbers, strings, booleans, names, <c>* / + -</c>, <c>= !=</c>, <c>? :</c>, calls and array literals. Anything else
/// is a <see cref="FormatException"/>, and the importer then marks the price unconfirmed (live quote).
/// </summary>
internal sealed class FormulaParser
{
    private readonly string text;
    private int at;

    private FormulaParser(string text) => this.text = text;

    /// <summary>The expression of <c>total_price</c> (the object wrapper is optional).</summary>
    /// <exception cref="FormatException">The formula is outside the subset.</exception>
    public static FormulaNode Parse(string formula)
    {
        var parser = new FormulaParser(formula);
        parser.Skip();
        if (parser.TryTake("{"))
        {
            if (parser.ReadString() != "total_price")
            {
                throw new FormatException("the formula object has no total_price");
            }

            parser.Expect(":");
            FormulaNode inner = parser.Expression();
            parser.Expect("}");
            parser.End();
            return inner;
        }

        FormulaNode node = parser.Expression();
        parser.End();
        return node;
    }

    private FormulaNode Expression()
    {
        FormulaNode condition = Comparison();
        if (!TryTake("?"))
        {
            return condition;
        }

        FormulaNode then = Expression();
        Expect(":");
        return new FormulaNode.Conditional(condition, then, Expression());
    }

    private FormulaNode Comparison()
    {
        FormulaNode left = Sum();
        if (TryTake("!="))
        {
            return new FormulaNode.Binary("!=", left, Sum());
        }

        return TryTake("=") ? new FormulaNode.Binary("=", left, Sum()) : left;
    }

    private FormulaNode Sum()
    {
        FormulaNode node = Product();
        while (Peek() is '+' or '-')
        {
            string op = text[at++].ToString();
            Skip();
            node = new FormulaNode.Binary(op, node, Product());
        }

        return node;
    }

    private FormulaNode Product()
    {
        FormulaNode node = Atom();
        while (Peek() is '*' or '/')
        {
            string op = text[at++].ToString();
            Skip();
            node = new FormulaNode.Binary(op, node, Atom());
        }

        return node;
    }

    private FormulaNode Atom()
    {
        char c = Peek() ?? throw new FormatException("the formula ends early");
        if (TryTake("("))
        {
            FormulaNode inner = Expression();
            Expect(")");
            return inner;
        }

        if (TryTake("["))
        {
            var items = new List<FormulaNode>();
            while (!TryTake("]"))
            {
                items.Add(Expression());
                TryTake(",");
            }

            return new FormulaNode.List(items);
        }

        if (c is '"' or '\'')
        {
            return new FormulaNode.Text(ReadString());
        }

        if (char.IsDigit(c) || c == '.')
        {
            int start = at;
            while (at < text.Length && (char.IsDigit(text[at]) || text[at] == '.'))
            {
                at++;
            }

            decimal value = decimal.Parse(text.AsSpan(start, at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Skip();
            return new FormulaNode.Number(value);
        }

        if (c == '$' || char.IsLetter(c) || c == '_')
        {
            string name = ReadName();
            if (!TryTake("("))
            {
                return name switch
                {
                    "true" => new FormulaNode.Flag(true),
                    "false" => new FormulaNode.Flag(false),
                    _ => new FormulaNode.Name(name),
                };
            }

            var arguments = new List<FormulaNode>();
            while (!TryTake(")"))
            {
                arguments.Add(Expression());
                TryTake(",");
            }

            return new FormulaNode.Call(name, arguments);
        }

        throw new FormatException($"unexpected '{c}' at {at}");
    }

    private string ReadName()
    {
        var name = new StringBuilder();
        name.Append(text[at++]);
        while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_'))
        {
            name.Append(text[at++]);
        }

        Skip();
        return name.ToString();
    }

    private string ReadString()
    {
        char quote = Peek() is char q and ('"' or '\'') ? q : throw new FormatException($"expected a string at {at}");
        int end = text.IndexOf(quote, at + 1);
        if (end < 0)
        {
            throw new FormatException("unterminated string");
        }

        string value = text[(at + 1)..end];
        at = end + 1;
        Skip();
        return value;
    }

    private char? Peek() => at < text.Length ? text[at] : null;

    private bool TryTake(string token)
    {
        if (string.CompareOrdinal(text, at, token, 0, token.Length) != 0)
        {
            return false;
        }

        at += token.Length;
        Skip();
        return true;
    }

    private void Expect(string token)
    {
        if (!TryTake(token))
        {
            throw new FormatException($"expected '{token}' at {at}");
        }
    }

    private void End()
    {
        if (at != text.Length)
        {
            throw new FormatException($"unexpected text at {at}");
        }
    }

    private void Skip()
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }
}
