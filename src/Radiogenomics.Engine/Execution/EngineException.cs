namespace Radiogenomics.Engine.Execution;

/// <summary>A problem the user can fix (bad input path, missing upstream in --exclusive, no GPU); printed without a stack trace.</summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);
