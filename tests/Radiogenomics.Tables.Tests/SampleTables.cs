namespace Radiogenomics.Tables.Tests;

internal static class SampleTables
{
    /// <summary>Every column type, with nulls, edge values, and strings on both sides of the 12-byte inline limit.</summary>
    public static Table AllTypes() => new Table()
        .Add("double", [0.0, -0.0, 1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue])
        .Add("nullable double", new double?[] { 1, null, 3, null, double.MinValue, 0.1, null, 7 })
        .Add("float", [1f, -2.5f, float.NaN, float.MaxValue, float.Epsilon, 0f, -0f, 8f])
        .Add("nullable float", new float?[] { null, 2, null, 4, 5, 6, 7, null })
        .Add("int32", [int.MinValue, -1, 0, 1, int.MaxValue, 42, 7, 8])
        .Add("nullable int32", new int?[] { null, null, null, null, null, null, null, 1 })
        .Add("int64", [long.MinValue, -1, 0, 1, long.MaxValue, 1L << 40, 7, 8])
        .Add("nullable int64", new long?[] { 1, 2, 3, 4, 5, 6, 7, null })
        .Add("bool", [true, false, true, true, false, false, true, false])
        .Add("nullable bool", new bool?[] { true, null, false, null, true, false, null, true })
        .Add("string", new[]
        {
            "", "twelve bytes", "thirteen byte", "patient 001", null, "ünïcødé ✓ 漢字 🧬",
            new string('x', 1000), "it's \"quoted\"",
        })
        .Add("tensor", new float[]?[]
        {
            [1f, 2f, 3f], null, [], [float.NaN, -0f], [4f], null, Enumerable.Range(0, 4096).Select(i => i * 0.25f).ToArray(), [9f],
        });

    /// <summary>Deterministic mixed-type table of <paramref name="rows"/> rows (6 columns).</summary>
    public static Table Mixed(int rows, int seed = 1)
    {
        var random = new Random(seed);
        var ids = new long[rows];
        var values = new double[rows];
        var scores = new float?[rows];
        var groups = new int[rows];
        var patients = new string?[rows];
        var flags = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i;
            values[i] = random.NextDouble() * 1000 - 500;
            scores[i] = i % 11 == 0 ? null : (float)random.NextDouble();
            groups[i] = random.Next(0, 1000);
            patients[i] = i % 13 == 0 ? null : $"TCGA-{i % 50_000:D5}";
            flags[i] = (i & 1) == 0;
        }
        return new Table()
            .Add("id", ids)
            .Add("value", values)
            .Add("score", scores)
            .Add("group", groups)
            .Add("patient", patients)
            .Add("flag", flags);
    }

    /// <summary>Image patches: <paramref name="rows"/> rows of 64×64 floats plus an id.</summary>
    public static Table Tensors(int rows, int seed = 3)
    {
        var random = new Random(seed);
        var pixels = new float[]?[rows];
        for (var i = 0; i < rows; i++)
        {
            var patch = new float[64 * 64];
            for (var p = 0; p < patch.Length; p++) patch[p] = (float)random.NextDouble();
            pixels[i] = patch;
        }
        return new Table()
            .Add("patch_id", Enumerable.Range(0, rows).ToArray())
            .Add("pixels", pixels);
    }

    /// <summary>A batch with the same schema as <paramref name="table"/>, rows [start, start + count).</summary>
    public static Table Slice(Table table, int start, int count)
    {
        var slice = new Table();
        foreach (var column in table.Columns)
        {
            var name = column.Name;
            switch (column.Type)
            {
                case ColumnType.Double: slice.Add(name, table.GetNullableDoubles(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.Float: slice.Add(name, table.GetNullableFloats(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.Int32: slice.Add(name, table.GetNullableInt32s(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.Int64: slice.Add(name, table.GetNullableInt64s(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.Bool: slice.Add(name, table.GetNullableBools(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.String: slice.Add(name, table.GetStrings(name).AsSpan(start, count).ToArray()); break;
                case ColumnType.FloatArray: slice.Add(name, table.GetFloatArrays(name).AsSpan(start, count).ToArray()); break;
                default: throw new InvalidOperationException(column.Type.ToString());
            }
        }
        return slice;
    }
}
