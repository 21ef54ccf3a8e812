using System.Globalization;

namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A parameter a stage kind accepts: its type, default and documentation. The default is part of the
/// cache key (resolved parameters are hashed), so changing a default reruns the stage as it should.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterType Type, object? Default, string Description)
{
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>No usable default: the workflow must give a non-empty value.</summary>
    public bool Required { get; init; }

    /// <summary>Seeds are listed in the provenance so a run can be reproduced.</summary>
    public bool IsSeed { get; init; }

    /// <summary>Inclusive numeric bounds checked at validation time.</summary>
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }

    public string TypeName => Type switch
    {
        ParameterType.String => "string",
        ParameterType.Integer => "integer",
        ParameterType.Number => "number",
        ParameterType.Boolean => "boolean",
        ParameterType.Choice => "one of " + string.Join("|", Choices),
        ParameterType.StringList => "list of strings",
        ParameterType.NumberList => "list of numbers",
        _ => Type.ToString(),
    };

    public string DefaultText => Required ? "(required)" : Default switch
    {
        null => "(none)",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable<string> l => "[" + string.Join(", ", l) + "]",
        IEnumerable<double> l => "[" + string.Join(", ", l.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Default.ToString() ?? "",
    };

    public static ParameterSpec String(string name, string? @default, string description) => new(name, ParameterType.String, @default, description);
    public static ParameterSpec Integer(string name, long? @default, string description) => new(name, ParameterType.Integer, @default, description);
    public static ParameterSpec Number(string name, double? @default, string description) => new(name, ParameterType.Number, @default, description);
    public static ParameterSpec Boolean(string name, bool @default, string description) => new(name, ParameterType.Boolean, @default, description);
    public static ParameterSpec Choice(string name, string @default, string description, params string[] choices) =>
        new(name, ParameterType.Choice, @default, description) { Choices = choices };
    public static ParameterSpec Seed(string name, long @default, string description) =>
        new(name, ParameterType.Integer, @default, description) { IsSeed = true };
}
