using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Clinical covariates of a logistic fusion model, coded as <c>lrm</c> codes them: a numeric column is one term; a text
/// column one 0/1 term per level but the first (levels in ordinal order), named <c>column=level</c>. Missing values are NaN.
/// </summary>
internal static class ClinicalCovariates
{
    public sealed record Covariate(string Name, string[]? Levels, double[][] Columns, string[] Terms);

    public static Covariate Read(Table clinical, string table, string name, IReadOnlyList<string> patients, string[]? levels = null)
    {
        if (!clinical.Contains(name) || name == "patient_id")
            throw new DataProblemException(table, $"covariate '{name}'", "is not a column", $"name columns of the clinical table: {string.Join(", ", clinical.ColumnNames.Where(c => c != "patient_id"))}");
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = clinical.GetStrings("patient_id");
        for (int i = 0; i < ids.Length; i++) if (ids[i] is { } id) rowOf.TryAdd(id, i);
        var rows = patients.Select(p => rowOf.TryGetValue(p, out var r) ? r : -1).ToArray();
        if (clinical[name].Type != ColumnType.String)
        {
            var v = clinical.GetNullableDoubles(name);
            return new Covariate(name, null, [rows.Select(r => r >= 0 && v[r] is { } x ? x : double.NaN).ToArray()], [name]);
        }
        var text = clinical.GetStrings(name);
        var values = rows.Select(r => r >= 0 ? text[r] : null).ToArray();
        levels ??= values.Where(x => x is not null).Select(x => x!).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (levels.Length < 2)
            throw new DataProblemException(table, $"covariate '{name}'", $"has {levels.Length} level(s) among the model's patients", "drop it from covariates, or give it two or more levels");
        var unknown = values.FirstOrDefault(x => x is not null && !levels.Contains(x));
        if (unknown is not null)
            throw new DataProblemException(table, $"covariate '{name}'", $"has level '{unknown}', which the model was not trained with (levels: {string.Join(", ", levels)})", "recode the column to the training cohort's levels");
        var columns = levels.Skip(1).Select(level => values.Select(x => x is null ? double.NaN : x == level ? 1.0 : 0.0).ToArray()).ToArray();
        return new Covariate(name, levels, columns, levels.Skip(1).Select(l => $"{name}={l}").ToArray());
    }

    public static string Describe(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
