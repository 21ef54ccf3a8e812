using System.Globalization;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Stages;

/// <summary>Checks YAML parameter values against a stage kind's declarations and applies defaults.</summary>
public static class ParameterBinder
{
    public static ResolvedParameters Bind(StageKind kind, StageDefinition stage, List<WorkflowProblem> problems)
    {
        var specs = kind.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var spec in kind.Parameters) values[spec.Name] = Normalise(spec.Default);

        foreach (var (name, raw) in stage.Params)
        {
            if (!specs.TryGetValue(name, out var spec))
            {
                problems.Add(new(raw.Location, $"stage '{stage.Id}' ({kind.Name}) has no parameter '{name}'{Suggestions.DidYouMean(name, specs.Keys)}; run 'rg describe {kind.Name}' to list them"));
                continue;
            }
            if (!raw.IsList && raw.Scalar is null) continue; // explicit null keeps the default
            if (TryConvert(spec, raw, out var value, out var why)) values[name] = value;
            else problems.Add(new(raw.Location, $"parameter '{name}' of stage '{stage.Id}' {why}"));
        }
        foreach (var spec in kind.Parameters.Where(p => p.Required))
            if (values[spec.Name] is null or "" || (values[spec.Name] is IReadOnlyCollection<string> { Count: 0 }))
                problems.Add(new(stage.Params.TryGetValue(spec.Name, out var given) ? given.Location : stage.Location,
                    $"stage '{stage.Id}' ({kind.Name}) needs parameter '{spec.Name}': {spec.Description}"));
        return new ResolvedParameters(values);
    }

    private static object? Normalise(object? value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        string[] a => (IReadOnlyList<string>)a,
        double[] a => (IReadOnlyList<double>)a,
        _ => value,
    };

    private static bool TryConvert(ParameterSpec spec, ParameterValue raw, out object? value, out string why)
    {
        value = null;
        why = "";
        string shown = raw.IsList ? raw.ToString() : raw.Quoted ? $"\"{raw.Scalar}\"" : raw.Scalar!;
        string article = spec.Type switch { ParameterType.Choice => "", ParameterType.Integer => "an ", _ => "a " };
        string expected = $"must be {article}{spec.TypeName}, got {shown}";
        switch (spec.Type)
        {
            case ParameterType.String:
                if (raw.IsList) { why = expected; return false; }
                value = raw.Scalar;
                return true;
            case ParameterType.Integer:
                if (raw.IsList || raw.Quoted || !long.TryParse(raw.Scalar, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) { why = expected; return false; }
                value = l;
                return InRange(spec, l, ref why);
            case ParameterType.Number:
                if (raw.IsList || raw.Quoted || !TryNumber(raw.Scalar!, out var d)) { why = expected; return false; }
                value = d;
                return InRange(spec, d, ref why);
            case ParameterType.Boolean:
                if (raw.IsList || raw.Quoted || raw.Scalar is not ("true" or "false" or "True" or "False")) { why = expected + " (true or false)"; return false; }
                value = raw.Scalar is "true" or "True";
                return true;
            case ParameterType.Choice:
                if (raw.IsList || !spec.Choices.Contains(raw.Scalar!)) { why = expected + Suggestions.DidYouMean(raw.Scalar ?? "", spec.Choices); return false; }
                value = raw.Scalar;
                return true;
            case ParameterType.StringList:
                value = raw.IsList ? raw.Items! : new[] { raw.Scalar! };
                return true;
            case ParameterType.NumberList:
                var items = raw.IsList ? raw.Items! : [raw.Scalar!];
                var list = new double[items.Count];
                for (int i = 0; i < items.Count; i++)
                    if (!TryNumber(items[i], out list[i])) { why = expected; return false; }
                value = list;
                return true;
        }
        why = "has an unsupported type";
        return false;
    }

    // Only finite numbers: a NaN or infinity in a parameter is always a mistake in a workflow file.
    private static bool TryNumber(string s, out double d) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d);

    private static bool InRange(ParameterSpec spec, double v, ref string why)
    {
        if (spec.Minimum is { } min && v < min) { why = $"must be ≥ {min.ToString(CultureInfo.InvariantCulture)}, got {v.ToString(CultureInfo.InvariantCulture)}"; return false; }
        if (spec.Maximum is { } max && v > max) { why = $"must be ≤ {max.ToString(CultureInfo.InvariantCulture)}, got {v.ToString(CultureInfo.InvariantCulture)}"; return false; }
        return true;
    }
}
