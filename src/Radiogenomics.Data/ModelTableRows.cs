using System.Globalization;
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

    /// <summary>
    /// The 'node' rows of a model table, tree by tree (a tree's rows contiguous, its nodes listed 0, 1, 2, … in order).
    /// </summary>
    /// <exception cref="DataProblemException">No node rows, or a tree whose nodes are out of order.</exception>
    public static List<(string Tree, int[] Rows)> TreeNodeRows(Table t, string?[] section, string path, string fix)
    {
        var rows = Enumerable.Range(0, t.RowCount).Where(r => section[r] == "node").ToArray();
        if (rows.Length == 0) throw new DataProblemException(path, "section 'node'", "has no rows", fix);
        var tree = t.GetNullableInt32s("tree"); var node = t.GetNullableInt32s("node");
        var trees = new List<(string, int[])>();
        int at = 0;
        while (at < rows.Length)
        {
            int first = at;
            while (at < rows.Length && tree[rows[at]] == tree[rows[first]]) at++;
            var r = rows[first..at];
            string name = $"tree {tree[rows[first]]}";
            if (r.Where((x, k) => node[x] != k).Any()) throw new DataProblemException(path, name, "does not list its nodes 0, 1, 2, … in order", fix);
            trees.Add((name, r));
        }
        return trees;
    }

    /// <summary>
    /// The columns of <paramref name="features"/> named by a model, in the model's order; a missing column, or a missing value in
    /// a column the model uses (it would silently take a tree's right branch), is an error naming it (<paramref name="modelNeeds"/>: "the forest needs").
    /// </summary>
    public static double[][] ColumnsByName(FeatureMatrix features, IReadOnlyList<string> names, IEnumerable<int> used, string modelNeeds, string table)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < features.FeatureCount; j++) byName.TryAdd(features.FeatureNames[j], j);
        var missing = names.Where(n => !byName.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new DataProblemException(table, $"feature column '{missing[0]}'", $"is missing ({missing.Count} of the model's {names.Count} features are)",
                "score a feature table made by the same extraction as the training cohort");
        var columns = names.Select(n => features.Columns[byName[n]]).ToArray();
        foreach (int j in used)
            for (int i = 0; i < features.ImageCount; i++)
                if (!double.IsFinite(columns[j][i]))
                    throw new DataProblemException(table, $"feature '{names[j]}', row of image '{features.ImageIds[i]}' (patient '{features.PatientIds[i]}')",
                        string.Format(CultureInfo.InvariantCulture, "is {0}, and {1} the value", columns[j][i], modelNeeds),
                        "impute the value or drop the image before scoring");
        return columns;
    }
}
