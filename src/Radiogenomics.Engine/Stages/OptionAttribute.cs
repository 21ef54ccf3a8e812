namespace Radiogenomics.Engine.Stages;

/// <summary>
/// Declares a property of a stage kind's options record as a YAML parameter. The name is the property's
/// snake_case (FdrScope → fdr_scope) unless given; the type, choices and default come from the property
/// (see <see cref="StageOptions{TOptions}"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;

    /// <summary>The YAML name when it is not the property's snake_case.</summary>
    public string? Name { get; init; }

    /// <summary>Inclusive bounds checked at validation time (NaN: none).</summary>
    public double Minimum { get; init; } = double.NaN;
    public double Maximum { get; init; } = double.NaN;

    /// <summary>The workflow must give a non-empty value (validation says so with the stage's line, before anything runs).</summary>
    public bool Required { get; init; }

    /// <summary>Seeds are listed in the provenance so a run can be reproduced.</summary>
    public bool IsSeed { get; init; }
}
