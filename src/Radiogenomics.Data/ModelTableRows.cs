using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>The one-table layout of model artefacts (<see cref="RandomForestModel"/>, <see cref="GradientBoostingModel"/>): sections stacked as rows.</summary>
internal static class ModelTableRows
{
    /// <summary>Rows of several tables under the union of their columns (string, double or int), missing cells null.</summary>
    public static Table Stack(params Table[] parts)
    {
        var result = new Table();
        foreach (var name in parts.SelectMany(t => t.ColumnNames).Distinct(StringComparer.Ordinal).ToList())
        {
            var type = parts.First(t => t.Contains(name))[name].Type;
            switch (type)
            {
                case ColumnType.String: result.Add(name, parts.SelectMany(t => t.Contains(name) ? t.GetStrings(name) : new string?[t.RowCount]).ToArray()); break;
                case ColumnType.Double: result.Add(name, parts.SelectMany(t => t.Contains(name) ? t.GetNullableDoubles(name) : new double?[t.RowCount]).ToArray()); break;
                case ColumnType.Int32: result.Add(name, parts.SelectMany(t => t.Contains(name) ? t.GetNullableInt32s(name) : new int?[t.RowCount]).ToArray()); break;
                default: throw new ArgumentException($"column '{name}' is {type}; a model table stacks text, double and int columns only");
            }
        }
        return result;
    }
}
