namespace Radiogenomics.Engine.Workflow;

/// <summary>
/// A parameter as written in YAML: a scalar (raw text plus whether it was quoted) or a list of scalars.
/// Typing happens later against the stage kind's declaration, so errors can name the expected type.
/// </summary>
public sealed record ParameterValue(string? Scalar, bool Quoted, IReadOnlyList<string>? Items, SourceLocation Location)
{
    public bool IsList => Items is not null;

    public override string ToString() => IsList ? "[" + string.Join(", ", Items!) + "]" : Scalar ?? "null";
}
