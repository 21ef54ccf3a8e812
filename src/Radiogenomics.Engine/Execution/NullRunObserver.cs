namespace Radiogenomics.Engine.Execution;

/// <summary>An observer that ignores everything (tests, library callers).</summary>
public sealed class NullRunObserver : IRunObserver
{
    public static readonly NullRunObserver Instance = new();
}
