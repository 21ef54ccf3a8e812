using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The weights of a pretrained dense encoder as a cached table (learn.expression_autoencoder → predict.morphology):
/// one row per weight, parameter ("layers.0.weight", "layers.0.bias", …), row, column (0 for a bias), value (float32 as
/// trained). Read back into (name, rows, columns, row-major values) per parameter, in the order written.
/// </summary>
public sealed class EncoderWeightsTable
{
    private EncoderWeightsTable(IReadOnlyList<(string Name, int Rows, int Columns, float[] Values)> parameters) => Parameters = parameters;

    public IReadOnlyList<(string Name, int Rows, int Columns, float[] Values)> Parameters { get; }

    public static void Write(string path, IEnumerable<(string Name, int Rows, int Columns, float[] Values)> parameters)
    {
        var names = new List<string?>();
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        foreach (var (name, r, c, v) in parameters)
        {
            if (v.Length != r * c) throw new ArgumentException($"parameter '{name}' has {v.Length} values, not {r} × {c}");
            for (int i = 0; i < v.Length; i++)
            {
                names.Add(name);
                rows.Add(i / c);
                columns.Add(i % c);
                values.Add(v[i]);
            }
        }
        ParquetFile.Write(new Table().Add("parameter", names.ToArray()).Add("row", rows.ToArray()).Add("column", columns.ToArray()).Add("value", values.ToArray()), path);
    }

    public static EncoderWeightsTable Read(string path, string source = "encoder table")
    {
        var table = ParquetFile.Read(path);
        foreach (var column in new[] { "parameter", "row", "column", "value" })
            if (!table.Contains(column))
                throw new DataProblemException(source, "header", $"has no column '{column}'", "bind the encoder output of learn.expression_autoencoder");
        var names = table.GetStrings("parameter");
        var rows = table.GetInt32s("row");
        var columns = table.GetInt32s("column");
        var values = table.GetFloats("value");
        var result = new List<(string, int, int, float[])>();
        int start = 0;
        while (start < names.Length)
        {
            int end = start;
            while (end < names.Length && names[end] == names[start]) end++;
            int r = rows[end - 1] + 1, c = columns[end - 1] + 1;
            if (r * c != end - start)
                throw new DataProblemException(source, $"parameter '{names[start]}'", $"has {end - start} rows, not {r} × {c}", "rerun learn.expression_autoencoder (the table is incomplete)");
            result.Add((names[start] ?? "", r, c, values[start..end]));
            start = end;
        }
        return new EncoderWeightsTable(result);
    }
}
