namespace Radiogenomics.Engine.Workflow;

/// <summary>A place in a workflow file, 1-based, so messages read like compiler errors.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
