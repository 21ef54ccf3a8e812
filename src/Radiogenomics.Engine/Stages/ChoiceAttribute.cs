namespace Radiogenomics.Engine.Stages;

/// <summary>The YAML spelling of an enum member used as a parameter choice, when it is not the member's snake_case (e.g. "divide-by-max").</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChoiceAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
