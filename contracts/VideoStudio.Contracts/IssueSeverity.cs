namespace VideoStudio.Contracts;

/// <summary>How serious a validation issue is.</summary>
public enum IssueSeverity
{
    /// <summary>The input cannot be submitted.</summary>
    Error,

    /// <summary>The input is accepted but something will not behave as the caller may expect.</summary>
    Warning,
}
