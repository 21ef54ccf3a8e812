namespace Radiogenomics.Tables;

/// <summary>
/// A DuckDB database (in-memory unless a file path is given) with one connection to it.
/// Not thread-safe: use one instance per thread. Always dispose it; it owns native memory.
/// </summary>
public sealed unsafe class DuckDbConnection : IDisposable
{
    /// <summary>
    /// Applied to every database we open. Together they make query results and written Parquet files
    /// depend only on the data: a single worker thread means rows are scanned, buffered into row groups and
    /// encoded in one fixed sequence; insertion order is kept; and nothing is downloaded or auto-loaded
    /// from outside the process (parquet is built into libduckdb).
    /// </summary>
    internal static readonly IReadOnlyList<KeyValuePair<string, string>> DeterministicSettings =
    [
        new("threads", "1"),
        new("preserve_insertion_order", "true"),
        new("autoinstall_known_extensions", "false"),
        new("autoload_known_extensions", "false"),
    ];

    private IntPtr _database;
    private IntPtr _connection;
    private readonly string? _ownedTempDirectory;

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

        if (DuckDbNative.CreateConfig(out var config) != DuckDbNative.Success)
            throw new DuckDbException("could not create a DuckDB configuration", null);
        try
        {
            foreach (var (name, value) in DeterministicSettings.Append(new("temp_directory", TempDirectory)))
                if (DuckDbNative.SetConfig(config, name, value) != DuckDbNative.Success)
                    throw new DuckDbException($"could not set DuckDB option {name} = '{value}'", null);

            if (DuckDbNative.OpenExt(DatabasePath, out _database, config, out var error) != DuckDbNative.Success)
            {
                var message = DuckDbNative.Utf8(error) ?? "unknown error";
                if (error != IntPtr.Zero) DuckDbNative.Free(error);
                throw new DuckDbException(
                    $"could not open DuckDB database {(DatabasePath is null ? "(in memory)" : $"'{DatabasePath}'")}: {message}", null);
            }
        }
        finally
        {
            DuckDbNative.DestroyConfig(ref config);
        }

        if (DuckDbNative.Connect(_database, out _connection) != DuckDbNative.Success)
        {
            DuckDbNative.Close(ref _database);
            throw new DuckDbException("could not connect to the DuckDB database", null);
        }
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? DatabasePath { get; }

    /// <summary>Where DuckDB spills to disk when memory runs short.</summary>
    public string TempDirectory { get; }

    internal IntPtr Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_connection == IntPtr.Zero, this);
            return _connection;
        }
    }

    /// <summary>Runs one or more statements and discards any result.</summary>
    public void Execute(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var result = default(DuckDbResult);
        try
        {
            if (DuckDbNative.Query(Handle, sql, &result) != DuckDbNative.Success) throw Error(&result, sql);
        }
        finally
        {
            DuckDbNative.DestroyResult(&result);
        }
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
        var result = default(DuckDbResult);
        try
        {
            if (DuckDbNative.Query(Handle, sql, &result) != DuckDbNative.Success) throw Error(&result, sql);
            return ReadResult(&result);
        }
        finally
        {
            DuckDbNative.DestroyResult(&result);
        }
    }

    /// <summary>Creates a DuckDB table holding <paramref name="table"/>'s rows (in order), for querying with SQL.</summary>
    public void CreateTable(string tableName, Table table)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        ArgumentNullException.ThrowIfNull(table);
        CreateEmptyTable(tableName, table.Schema);
        using var appender = new ChunkAppender(Handle, tableName, table.Schema);
        appender.Append(table);
        appender.Close();
    }

    internal void CreateEmptyTable(string tableName, IReadOnlyList<ColumnDefinition> schema)
    {
        if (schema.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(schema));
        var columns = string.Join(", ", schema.Select(d => $"{DuckDbSql.QuoteIdentifier(d.Name)} {d.SqlType}"));
        Execute($"CREATE TABLE {DuckDbSql.QuoteIdentifier(tableName)} ({columns})");
    }

    public void Dispose()
    {
        if (_connection != IntPtr.Zero) DuckDbNative.Disconnect(ref _connection);
        if (_database != IntPtr.Zero) DuckDbNative.Close(ref _database);
        _connection = IntPtr.Zero;
        _database = IntPtr.Zero;
        if (_ownedTempDirectory is not null) TryDeleteDirectory(_ownedTempDirectory);
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

    private static DuckDbException Error(DuckDbResult* result, string sql) =>
        new(DuckDbNative.Utf8(DuckDbNative.ResultError(result)) ?? "unknown DuckDB error", sql);

    private static Table ReadResult(DuckDbResult* result)
    {
        var columnCount = checked((int)DuckDbNative.ColumnCount(result));
        var builders = new ColumnBuilder[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            var name = DuckDbNative.Utf8(DuckDbNative.ColumnName(result, (ulong)c)) ?? $"column{c}";
            var logicalType = DuckDbNative.ColumnLogicalType(result, (ulong)c);
            try { builders[c] = ColumnBuilder.For(name, logicalType); }
            finally { DuckDbNative.DestroyLogicalType(ref logicalType); }
        }

        while (true)
        {
            var chunk = DuckDbNative.FetchChunk(*result);
            if (chunk == IntPtr.Zero) break;
            try
            {
                var rows = checked((int)DuckDbNative.DataChunkGetSize(chunk));
                for (var c = 0; c < columnCount; c++)
                    builders[c].Append(DuckDbNative.DataChunkGetVector(chunk, (ulong)c), rows);
            }
            finally
            {
                DuckDbNative.DestroyDataChunk(ref chunk);
            }
        }

        var table = new Table();
        foreach (var builder in builders) table.Add(builder.Build());
        return table;
    }
}
