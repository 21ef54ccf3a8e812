using System.Reflection;
using Parquet;
using Parquet.Schema;

namespace Radiogenomics.Tables;

/// <summary>Reads and writes whole <see cref="Table"/>s as Parquet files through Parquet.Net (DuckDB for types it leaves aside).</summary>
public static class ParquetFile
{
    /// <summary>The writer that produces our files' bytes (they change only when this does): part of stage cache keys.</summary>
    public static string WriterVersion { get; } =
        // The package version (6.1.0); the assembly version stays at 6.0.0 across 6.x releases.
        "Parquet.Net " + (typeof(Parquet.ParquetWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                          .Split('+')[0] ?? "unknown");

    /// <summary>
    /// Writes <paramref name="table"/> to <paramref name="path"/> atomically (temp file + rename), creating
    /// the directory if needed. The same table always gives the same bytes with the same <see cref="WriterVersion"/>.
    /// </summary>
    public static void Write(Table table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new ParquetWriter(path, table.Schema);
        writer.Append(table);
        writer.Complete();
    }

    /// <summary>Reads every column and row, in file order.</summary>
    public static Table Read(string path) => ReadColumns(path, null);

    /// <summary>Reads only the named columns, in the order given.</summary>
    public static Table Read(string path, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.ToList();
        if (names.Count == 0) throw new ArgumentException("Name at least one column to read.", nameof(columns));
        return ReadColumns(path, names);
    }

    /// <summary>Column names and types of a Parquet file, as <see cref="Read(string)"/> would return them.</summary>
    public static IReadOnlyList<ColumnDefinition> ReadSchema(string path)
    {
        var fullPath = Existing(path);
        var schema = ParquetWriter.Run(async () =>
        {
            await using var reader = await OpenAsync(fullPath);
            return reader is null ? null : Mapped(reader.Schema);
        });
        if (schema is not null) return [.. schema.Select(f => new ColumnDefinition(f.Field.Name, f.Type))];
        return DuckDbParquet.Read(fullPath, null, schemaOnly: true).Schema;
    }

    private static Table ReadColumns(string path, List<string>? names)
    {
        var fullPath = Existing(path);
        return ParquetWriter.Run(() => ReadColumnsAsync(fullPath, names)) ?? DuckDbParquet.Read(fullPath, names, schemaOnly: false);
    }

    /// <summary>The table, or null when the file holds types we leave to DuckDB or Parquet.Net cannot open it.</summary>
    private static async Task<Table?> ReadColumnsAsync(string fullPath, List<string>? names)
    {
        await using var reader = await OpenAsync(fullPath);
        if (reader is null) return null;
        // Files from elsewhere may hold types a Table widens (INT16, DECIMAL…): DuckDB converts those.
        if (Mapped(reader.Schema) is not { } schema) return null;

        var selected = Enumerable.Range(0, schema.Count).ToList();
        if (names is not null)
        {
            var byName = Enumerable.Range(0, schema.Count).ToDictionary(i => schema[i].Field.Name, StringComparer.Ordinal);
            var missing = names.Where(n => !byName.ContainsKey(n)).ToList();
            if (missing.Count > 0)
                throw new KeyNotFoundException(
                    $"Parquet file '{fullPath}' has no column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                    $"It has: {string.Join(", ", schema.Take(20).Select(f => $"'{f.Field.Name}'"))}{(schema.Count > 20 ? ", …" : "")}.");
            selected = [.. names.Select(n => byName[n])];
        }

        var rows = checked((int)reader.RowGroups.Sum(g => g.RowCount));
        var values = selected.Select(i => NewArray(schema[i].Type, rows)).ToArray();
        var nulls = selected.Select(_ => new bool[rows]).ToArray();
        // Decoding is CPU-bound: big reads split their columns over one reader per core (each with its own stream).
        var workers = (long)rows * selected.Count >= ParallelValues ? Math.Min(Environment.ProcessorCount, Math.Min(selected.Count, 4)) : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            await using var own = w == 0 ? null : await OpenAsync(fullPath);
            var fields = w == 0 ? schema : Mapped(own!.Schema)!;
            var source = own ?? reader;
            var offset = 0;
            for (var g = 0; g < source.RowGroupCount; g++)
            {
                using var group = source.OpenRowGroupReader(g);
                var groupRows = checked((int)group.RowCount);
                for (var c = w; c < selected.Count; c += workers)
                    await ParquetColumnCodec.ReadAsync(group, fields[selected[c]].Field, fields[selected[c]].Type, values[c], nulls[c], offset, groupRows);
                offset += groupRows;
            }
        })));
        var table = new Table();
        for (var c = 0; c < selected.Count; c++)
        {
            var (field, type) = schema[selected[c]];
            table.Add(Column.Adopt(field.Name, type, values[c], nulls[c].AsSpan().Contains(true) ? nulls[c] : null));
        }
        return table;
    }

    /// <summary>Reads of at least this many values are decoded on several cores.</summary>
    private const long ParallelValues = 1 << 20;

    /// <summary>Each top-level field with its column type, or null when any field is of a kind we read through DuckDB.</summary>
    private static List<(Field Field, ColumnType Type)>? Mapped(ParquetSchema schema)
    {
        var result = new List<(Field, ColumnType)>(schema.Fields.Count);
        foreach (var field in schema.Fields)
        {
            if (ParquetFields.TypeOf(field) is not { } type) return null;
            result.Add((field, type));
        }
        return result;
    }

    private static Array NewArray(ColumnType type, int rows) => type switch
    {
        ColumnType.Double => new double[rows],
        ColumnType.Float => new float[rows],
        ColumnType.Int32 => new int[rows],
        ColumnType.Int64 => new long[rows],
        ColumnType.Bool => new bool[rows],
        ColumnType.String => new string?[rows],
        ColumnType.FloatArray => new float[]?[rows],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    private static string Existing(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Parquet file not found: '{fullPath}'.", fullPath);
        return fullPath;
    }

    /// <summary>A reader, or null when Parquet.Net cannot open the file: DuckDB then reads it or reports what is wrong with it.</summary>
    private static async Task<ParquetReader?> OpenAsync(string fullPath)
    {
        try
        {
            return await ParquetReader.CreateAsync(fullPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException
                                       || e.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
        {
            return null;
        }
    }
}
