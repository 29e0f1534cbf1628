namespace VideoStudio.Engine.Catalog.Import;

/// <summary>One node of a parsed price formula (the JSONata subset <see cref="FormulaParser"/> reads).</summary>
internal abstract record FormulaNode
{
    /// <summary>A number literal.</summary>
    public sealed record Number(decimal Value) : FormulaNode;

    /// <summary>A string literal.</summary>
    public sealed record Text(string Value) : FormulaNode;

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public sealed record Flag(bool Value) : FormulaNode;

    /// <summary>An input field or <c>base_price</c>.</summary>
    public sealed record Name(string Value) : FormulaNode;

    /// <summary>A function call: <c>$ceil(x)</c>, <c>$max([…])</c>, <c>get_duration_v3(field)</c>.</summary>
    public sealed record Call(string Function, IReadOnlyList<FormulaNode> Arguments) : FormulaNode;

    /// <summary>An array literal (the argument of <c>$max</c>/<c>$min</c>).</summary>
    public sealed record List(IReadOnlyList<FormulaNode> Items) : FormulaNode;

    /// <summary>A binary operation: <c>*</c>, <c>/</c>, <c>+</c>, <c>-</c>, <c>=</c>, <c>!=</c>.</summary>
    public sealed record Binary(string Operator, FormulaNode Left, FormulaNode Right) : FormulaNode;

    /// <summary><c>condition ? then : else</c>.</summary>
    public sealed record Conditional(FormulaNode Condition, FormulaNode Then, FormulaNode Else) : FormulaNode;
}
