using System.Data;
using System.Numerics;
using DuckDB.NET.Data;

namespace Radiogenomics.Tables;

/// <summary>
/// A DuckDB database (in-memory unless a file path is given) with one connection to it, through DuckDB.NET.
/// Not thread-safe: use one instance per thread. Always dispose it; it owns native memory.
/// </summary>
public sealed class DuckDbConnection : IDisposable
{
    /// <summary>
    /// Applied to every database we open, so query results depend only on the data: a single worker thread
    /// scans rows in one fixed sequence, insertion order is kept, and nothing is downloaded or auto-loaded from
    /// outside the process (parquet is built into the library).
    /// </summary>
    internal static readonly IReadOnlyList<KeyValuePair<string, string>> DeterministicSettings =
    [
        new("threads", "1"),
        new("preserve_insertion_order", "true"),
        new("autoinstall_known_extensions", "false"),
        new("autoload_known_extensions", "false"),
    ];

    private readonly DuckDBConnection _connection;
    private readonly string? _ownedTempDirectory;
    private bool _disposed;

    /// <param name="databasePath">A database file to open or create; null for a private in-memory database.</param>
    /// <param name="tempDirectory">
    /// Where DuckDB may spill data that does not fit in memory. Null picks a fresh folder under the system
    /// temp directory, created only if DuckDB needs it and removed on dispose.
    /// </param>
    public DuckDbConnection(string? databasePath = null, string? tempDirectory = null)
    {
        if (tempDirectory is null)
        {
            _ownedTempDirectory = Path.Combine(Path.GetTempPath(), $"radiogenomics-duckdb-{Guid.NewGuid():N}");
            tempDirectory = _ownedTempDirectory;
        }
        DatabasePath = databasePath is null ? null : Path.GetFullPath(databasePath);
        TempDirectory = Path.GetFullPath(tempDirectory);

        DuckDbLibrary.EnsureResolvable();
        var settings = new DuckDBConnectionStringBuilder { DataSource = DatabasePath ?? DuckDBConnectionStringBuilder.InMemoryDataSource };
        foreach (var (name, value) in DeterministicSettings) settings[name] = value;
        settings["temp_directory"] = TempDirectory;
        _connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            _connection.Open();
        }
        catch (DuckDBException e)
        {
            _connection.Dispose();
            throw new DuckDbException(
                $"could not open DuckDB database {(DatabasePath is null ? "(in memory)" : $"'{DatabasePath}'")}: {e.Message}", null);
        }
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? DatabasePath { get; }

    /// <summary>Where DuckDB spills to disk when memory runs short.</summary>
    public string TempDirectory { get; }

    /// <summary>Runs one or more statements and discards any result.</summary>
    public void Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var command = Command(sql);
        try { command.ExecuteNonQuery(); }
        catch (DuckDBException e) { throw new DuckDbException(e.Message, sql); }
    }

    /// <summary>Runs SQL and materialises the (last statement's) result as a <see cref="Table"/>.</summary>
    /// <remarks>
    /// DOUBLE, FLOAT, INTEGER, BIGINT, VARCHAR, BOOLEAN and FLOAT[] map directly. Smaller integers widen to
    /// Int32/Int64, HUGEINT and UBIGINT become Int64 (throwing if a value does not fit), DECIMAL becomes Double,
    /// FLOAT[n] becomes FloatArray; any other type throws <see cref="NotSupportedException"/> naming the column.
    /// </remarks>
    public Table Query(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var command = Command(sql);
        try
        {
            using var reader = command.ExecuteReader();
            var builders = Enumerable.Range(0, reader.FieldCount)
                .Select(c => ResultColumn.For(reader.GetName(c), reader.GetFieldType(c), reader.GetDataTypeName(c))).ToArray();
            while (reader.Read())
                for (var c = 0; c < builders.Length; c++)
                    builders[c].Add(reader, c);
            var table = new Table();
            foreach (var builder in builders) table.Add(builder.Build());
            return table;
        }
        catch (DuckDBException e) { throw new DuckDbException(e.Message, sql); }
    }

    /// <summary>Creates a DuckDB table holding <paramref name="table"/>'s rows (in order), for querying with SQL.</summary>
    public void CreateTable(string tableName, Table table)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        ArgumentNullException.ThrowIfNull(table);
        if (table.ColumnCount == 0) throw new ArgumentException("A table needs at least one column.", nameof(table));
        var columns = string.Join(", ", table.Schema.Select(d => $"{DuckDbSql.QuoteIdentifier(d.Name)} {d.SqlType}"));
        Execute($"CREATE TABLE {DuckDbSql.QuoteIdentifier(tableName)} ({columns})");
        try
        {
            using var appender = _connection.CreateAppender(tableName);
            for (var r = 0; r < table.RowCount; r++)
            {
                var row = appender.CreateRow();
                foreach (var column in table.Columns)
                {
                    if (column.IsNull(r)) { row.AppendNullValue(); continue; }
                    _ = column.Values switch
                    {
                        double[] v => row.AppendValue(v[r]),
                        float[] v => row.AppendValue(v[r]),
                        int[] v => row.AppendValue(v[r]),
                        long[] v => row.AppendValue(v[r]),
                        bool[] v => row.AppendValue(v[r]),
                        string?[] v => row.AppendValue(v[r]),
                        float[]?[] v => row.AppendValue<float>(v[r]),
                        _ => throw new ArgumentOutOfRangeException(nameof(table), column.Type, "Unknown column type."),
                    };
                }
                row.EndRow();
            }
        }
        catch (DuckDBException e) { throw new DuckDbException(e.Message, null); }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _connection.Dispose();
        if (_ownedTempDirectory is not null) TryDeleteDirectory(_ownedTempDirectory);
    }

    private DuckDBCommand Command(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    internal static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover spill folder wastes disk but must not mask the real outcome.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
