namespace VideoStudio.Engine.Jobs.Store;

/// <summary>Who asks for a write, which decides its place at SQLite's writer turn (<see cref="WriterTurn"/>).</summary>
internal enum WriteLane
{
    /// <summary>Work on jobs already accepted: claims, step results, adoptions. Goes first, so accepted jobs keep moving.</summary>
    Executor,

    /// <summary>A new job being created (a caller submitting): waits behind queued executor writes.</summary>
    Intake,
}
