using System.Text;

namespace Radiogenomics.Tables;

/// <summary>
/// An in-memory columnar table: ordered, uniquely named, typed columns of equal length, each with a null mask.
/// It is what <see cref="ParquetFile"/> reads and writes and what <see cref="DuckDbConnection.Query"/> returns.
/// </summary>
public sealed class Table
{
    private readonly List<Column> _columns = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);
    // DuckDB (and so our Parquet path) folds ASCII letters in identifiers; catch such collisions early.
    private readonly HashSet<string> _foldedNames = new(StringComparer.Ordinal);

    public Table()
    {
    }

    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns) Add(column);
    }

    /// <summary>A table with the given columns and no rows.</summary>
    public static Table Empty(IEnumerable<ColumnDefinition> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var table = new Table();
        foreach (var definition in schema) table.Add(Column.CreateNulls(definition.Name, definition.Type, 0));
        return table;
    }

    /// <summary>Number of rows; zero for a table without columns.</summary>
    public int RowCount { get; private set; }

    public int ColumnCount => _columns.Count;
    public IReadOnlyList<Column> Columns => _columns;
    public IReadOnlyList<string> ColumnNames => _columns.ConvertAll(c => c.Name);
    public IReadOnlyList<ColumnDefinition> Schema => _columns.ConvertAll(c => c.Definition);

    public bool Contains(string name) => _indexByName.ContainsKey(name);

    public Column this[string name] => GetColumn(name);

    public Column GetColumn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_indexByName.TryGetValue(name, out var index)) return _columns[index];
        throw new KeyNotFoundException($"Table has no column '{name}'. Columns: {DescribeNames()}.");
    }

    /// <summary>Appends a column; it must have as many rows as the columns already present.</summary>
    public Table Add(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (_indexByName.ContainsKey(column.Name))
            throw new ArgumentException($"Table already has a column named '{column.Name}'.", nameof(column));
        var folded = FoldAsciiCase(column.Name);
        if (_foldedNames.Contains(folded))
        {
            var existing = _columns.First(c => FoldAsciiCase(c.Name) == folded);
            throw new ArgumentException(
                $"Column '{column.Name}' differs from existing column '{existing.Name}' only by case; " +
                "DuckDB and Parquet tooling treat them as the same name.", nameof(column));
        }
        if (_columns.Count > 0 && column.Length != RowCount)
            throw new ArgumentException(
                $"Column '{column.Name}' has {column.Length} rows, but the table has {RowCount} rows " +
                $"(from column '{_columns[0].Name}').", nameof(column));

        RowCount = column.Length;
        _indexByName.Add(column.Name, _columns.Count);
        _foldedNames.Add(folded);
        _columns.Add(column);
        return this;
    }

    public Table Add(string name, double[] values) => Add(Column.Create(name, values));
    public Table Add(string name, double?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, float[] values) => Add(Column.Create(name, values));
    public Table Add(string name, float?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, int[] values) => Add(Column.Create(name, values));
    public Table Add(string name, int?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, long[] values) => Add(Column.Create(name, values));
    public Table Add(string name, long?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, bool[] values) => Add(Column.Create(name, values));
    public Table Add(string name, bool?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, string?[] values) => Add(Column.Create(name, values));
    public Table Add(string name, float[]?[] values) => Add(Column.Create(name, values));

    public double[] GetDoubles(string name) => GetColumn(name).CopyValues<double>(ColumnType.Double, nameof(GetDoubles));
    public double?[] GetNullableDoubles(string name) => GetColumn(name).CopyNullable<double>(ColumnType.Double, nameof(GetNullableDoubles));
    public float[] GetFloats(string name) => GetColumn(name).CopyValues<float>(ColumnType.Float, nameof(GetFloats));
    public float?[] GetNullableFloats(string name) => GetColumn(name).CopyNullable<float>(ColumnType.Float, nameof(GetNullableFloats));
    public int[] GetInt32s(string name) => GetColumn(name).CopyValues<int>(ColumnType.Int32, nameof(GetInt32s));
    public int?[] GetNullableInt32s(string name) => GetColumn(name).CopyNullable<int>(ColumnType.Int32, nameof(GetNullableInt32s));
    public long[] GetInt64s(string name) => GetColumn(name).CopyValues<long>(ColumnType.Int64, nameof(GetInt64s));
    public long?[] GetNullableInt64s(string name) => GetColumn(name).CopyNullable<long>(ColumnType.Int64, nameof(GetNullableInt64s));
    public bool[] GetBools(string name) => GetColumn(name).CopyValues<bool>(ColumnType.Bool, nameof(GetBools));
    public bool?[] GetNullableBools(string name) => GetColumn(name).CopyNullable<bool>(ColumnType.Bool, nameof(GetNullableBools));

    /// <summary>String values; null entries are SQL NULLs.</summary>
    public string?[] GetStrings(string name) => GetColumn(name).CopyStrings(nameof(GetStrings));

    /// <summary>FloatArray values (one array per row); null entries are SQL NULLs.</summary>
    public float[]?[] GetFloatArrays(string name) => GetColumn(name).CopyFloatArrays(nameof(GetFloatArrays));

    /// <summary>A new table with the named columns in the given order (columns are shared, not copied).</summary>
    public Table Select(params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var selected = new Table();
        foreach (var name in names) selected.Add(GetColumn(name));
        return selected;
    }

    /// <summary>Lower-cases ASCII letters only, matching how DuckDB compares identifiers.</summary>
    private static string FoldAsciiCase(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
        });

    public override string ToString() =>
        $"Table ({RowCount} rows × {ColumnCount} columns: {DescribeNames(withTypes: true)})";

    private string DescribeNames(bool withTypes = false)
    {
        const int shown = 20;
        if (_columns.Count == 0) return "(none)";
        var text = new StringBuilder();
        for (var i = 0; i < Math.Min(shown, _columns.Count); i++)
        {
            if (i > 0) text.Append(", ");
            text.Append('\'').Append(_columns[i].Name).Append('\'');
            if (withTypes) text.Append(' ').Append(_columns[i].Type);
        }
        if (_columns.Count > shown) text.Append($", … ({_columns.Count - shown} more)");
        return text.ToString();
    }
}
