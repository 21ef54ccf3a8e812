namespace Radiogenomics.Engine.Stages;

/// <summary>The types a stage parameter can have in YAML.</summary>
public enum ParameterType
{
    String,
    Integer,
    Number,
    Boolean,
    /// <summary>One of a fixed set of strings (listed in <see cref="ParameterSpec.Choices"/>).</summary>
    Choice,
    StringList,
    NumberList,
}
