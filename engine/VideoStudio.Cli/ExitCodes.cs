namespace VideoStudio.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything else went wrong.</summary>
    public const int Failure = 1;

    /// <summary>The input is invalid (validation errors, unreadable --input).</summary>
    public const int InvalidInput = 2;

    /// <summary>No model has the id or alias given.</summary>
    public const int UnknownModel = 3;

    /// <summary>
    /// Refused on money before anything was uploaded or submitted: the hold is above <c>--max-cost</c> or a spend cap.
    /// The message says the estimate, the hold and the value that would pass.
    /// </summary>
    public const int OverBudget = 4;
}
