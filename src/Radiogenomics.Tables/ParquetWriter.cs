namespace Radiogenomics.Tables;

/// <summary>
/// Writes a Parquet file from many <see cref="Table"/> batches without holding them all in managed memory.
/// Batches stream through DuckDB's appender into a private in-memory DuckDB table, which DuckDB keeps under
/// 2 GB by spilling to a folder beside the target. <see cref="Complete"/> writes that table with zstd
/// compression to a temporary file next to the target and renames it into place atomically.
/// Disposing without <see cref="Complete"/> leaves no file behind (and keeps any existing target).
/// </summary>
/// <remarks>
/// Output bytes depend only on the schema, the rows in order, and the DuckDB version: see
/// <see cref="DuckDbConnection"/> for the settings that ensure this. How rows are split into batches does
/// not matter, so many small batches give the same file as one big one.
/// </remarks>
public sealed class ParquetWriter : IDisposable
{
    private const string StagingTable = "rows";

    /// <summary>
    /// Rows per row group are chosen so a row group holds about this many (uncompressed) bytes, between one
    /// DuckDB vector (2,048 rows) and DuckDB's default of 122,880 rows. This bounds the writer's memory for
    /// wide rows and tensors. The choice uses only the data's total size and row count, so it is
    /// deterministic; changing this constant changes the bytes of files we write.
    /// </summary>
    internal const long TargetRowGroupBytes = 128L * 1024 * 1024;

    /// <summary>
    /// DuckDB's memory cap for one writer. Beyond it the staging table spills to a folder beside the target,
    /// so several writers at once cannot exhaust RAM. (Tested: the cap does not change the output bytes.)
    /// </summary>
    internal const string MemoryLimit = "2GB";

    private const long MinRowGroupRows = 2048;
    private const long MaxRowGroupRows = 122_880;

    private readonly DuckDbConnection _connection;
    private readonly ChunkAppender _appender;
    private readonly string _temporaryPath;
    private readonly string _spillDirectory;
    private bool _completed;
    private bool _failed;
    private bool _disposed;

    public ParquetWriter(string path, IEnumerable<ColumnDefinition> schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(schema);
        Schema = [.. schema];
        CheckSchema(Schema);

        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var unique = Guid.NewGuid().ToString("N");
        var fileName = System.IO.Path.GetFileName(Path);
        _temporaryPath = System.IO.Path.Combine(directory, $".{fileName}.{unique}.tmp");
        _spillDirectory = System.IO.Path.Combine(directory, $".{fileName}.{unique}.spill");

        _connection = new DuckDbConnection(databasePath: null, tempDirectory: _spillDirectory);
        try
        {
            _connection.Execute($"SET memory_limit = {DuckDbSql.QuoteString(MemoryLimit)}");
            _connection.CreateEmptyTable(StagingTable, Schema);
            _appender = new ChunkAppender(_connection.Handle, StagingTable, Schema);
        }
        catch
        {
            _connection.Dispose();
            DuckDbConnection.TryDeleteDirectory(_spillDirectory);
            throw;
        }
    }

    /// <summary>Final location of the file (absolute).</summary>
    public string Path { get; }

    public IReadOnlyList<ColumnDefinition> Schema { get; }

    /// <summary>Rows appended so far.</summary>
    public long RowCount => _appender.RowsAppended;

    /// <summary>Appends a batch whose columns match <see cref="Schema"/> in name, type and order.</summary>
    public void Append(Table batch)
    {
        ThrowIfFinished();
        try
        {
            _appender.Append(batch);
        }
        catch (DuckDbException)
        {
            _failed = true; // a chunk may be half sent; the staged rows can no longer be trusted
            throw;
        }
    }

    /// <summary>Writes the Parquet file and moves it to <see cref="Path"/>, replacing any existing file.</summary>
    public void Complete()
    {
        ThrowIfFinished();
        try
        {
            _appender.Close();
            _connection.Execute(
                $"COPY {DuckDbSql.QuoteIdentifier(StagingTable)} TO {DuckDbSql.QuoteString(_temporaryPath)} " +
                $"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {RowGroupRows(_appender.RowsAppended, _appender.EstimatedBytes)})");
            _appender.Dispose();
            _connection.Dispose();
            // rename(2) within one directory: readers see either the old file or the complete new one.
            File.Move(_temporaryPath, Path, overwrite: true);
            _completed = true;
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            if (_completed) Cleanup();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _appender.Dispose();
        _connection.Dispose();
        Cleanup();
    }

    private void Cleanup()
    {
        if (!_completed)
        {
            try { File.Delete(_temporaryPath); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        DuckDbConnection.TryDeleteDirectory(_spillDirectory);
    }

    /// <summary>Rows per row group for data of this size; a multiple of 2,048 because DuckDB rounds up to one.</summary>
    internal static long RowGroupRows(long rows, long estimatedBytes)
    {
        if (rows == 0 || estimatedBytes == 0) return MaxRowGroupRows;
        var bytesPerRow = Math.Max(1, estimatedBytes / rows);
        var fitting = TargetRowGroupBytes / bytesPerRow / MinRowGroupRows * MinRowGroupRows;
        return Math.Clamp(fitting, MinRowGroupRows, MaxRowGroupRows);
    }

    private void ThrowIfFinished()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException($"The Parquet file '{Path}' has already been completed.");
        if (_failed) throw new InvalidOperationException($"Writing the Parquet file '{Path}' failed earlier; start a new writer.");
    }

    private static void CheckSchema(IReadOnlyList<ColumnDefinition> schema)
    {
        if (schema.Count == 0) throw new ArgumentException("A Parquet file needs at least one column.", nameof(schema));
        // Building an empty table applies Table's rules (non-empty, unique, case-insensitively distinct names).
        _ = Table.Empty(schema);
    }
}
