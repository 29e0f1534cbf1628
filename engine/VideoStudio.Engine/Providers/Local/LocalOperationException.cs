namespace VideoStudio.Engine.Providers.Local;

/// <summary>A local operation cannot run on its input as given (a bad value, a file FFprobe cannot read): the caller's to fix.</summary>
public sealed class LocalOperationException(string message) : Exception(message);
