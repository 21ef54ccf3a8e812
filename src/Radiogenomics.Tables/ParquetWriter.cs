using System.IO.Compression;
using Parquet;
using Parquet.Schema;

namespace Radiogenomics.Tables;

/// <summary>
/// Writes a Parquet file (Snappy pages, through Parquet.Net) from many <see cref="Table"/> batches, holding at most one
/// row group in memory. The file is written beside the target under a temporary name and renamed into place
/// by <see cref="Complete"/>; disposing without <see cref="Complete"/> leaves no file behind (and keeps any
/// existing target).
/// </summary>
/// <remarks>
/// Output bytes depend only on the schema, the rows in order, and the Parquet.Net version (<see cref="ParquetFile.WriterVersion"/>):
/// compression, its level and the row-group rule are fixed here, no timestamps or key/value metadata are written,
/// and row groups are cut row by row (<see cref="TargetRowGroupBytes"/>, <see cref="MaxRowGroupRows"/>), so how
/// the caller splits rows into batches never matters.
/// </remarks>
public sealed class ParquetWriter : IDisposable
{
    /// <summary>
    /// A row group ends after the row that brings its estimated in-memory size to this many bytes (fixed
    /// widths, UTF-16 string lengths, list elements, plus 16 bytes per string or list). This bounds the
    /// writer's memory for wide rows and tensors; changing it changes the bytes of files we write.
    /// </summary>
    internal const long TargetRowGroupBytes = 128L * 1024 * 1024;

    /// <summary>...or after this many rows, whichever comes first (DuckDB's own default row-group size).</summary>
    internal const int MaxRowGroupRows = 122_880;

    /// <summary>
    /// The page compression of every file we write. Snappy, not zstd: Parquet.Net's zstd is a managed port that
    /// decompresses random doubles at about 200 MB/s, which made reading the 85 MB feature table 1.3× slower than
    /// the former DuckDB path, while zstd saves only 7–9 % on our tables (`Bench --only=tables`).
    /// </summary>
    internal const CompressionMethod Compression = CompressionMethod.Snappy;


    private readonly ColumnDefinition[] _schema;
    private readonly Field[] _fields;
    private readonly int _fixedRowBytes;
    private readonly int[] _variableColumns;
    private readonly string _temporaryPath;
    private readonly FileStream _stream;
    private readonly Parquet.ParquetWriter _writer;
    private readonly List<(Table Batch, int Start, int Count)> _pending = [];
    private int _pendingRows;
    private long _pendingBytes;
    private int[] _ones = [];
    private bool _completed;
    private bool _failed;
    private bool _disposed;

    public ParquetWriter(string path, IEnumerable<ColumnDefinition> schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(schema);
        _schema = [.. schema];
        if (_schema.Length == 0) throw new ArgumentException("A Parquet file needs at least one column.", nameof(schema));
        _ = Table.Empty(_schema); // applies Table's naming rules (non-empty, unique, case-insensitively distinct)
        _fields = [.. _schema.Select(ParquetFields.For)];
        _fixedRowBytes = _schema.Sum(d => FixedBytes(d.Type));
        _variableColumns = [.. Enumerable.Range(0, _schema.Length).Where(c => _schema[c].Type is ColumnType.String or ColumnType.FloatArray)];

        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        _temporaryPath = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            _writer = Run(() => Parquet.ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, Options(_schema)));
        }
        catch
        {
            _stream.Dispose();
            File.Delete(_temporaryPath);
            throw;
        }
    }

    /// <summary>Final location of the file (absolute).</summary>
    public string Path { get; }

    public IReadOnlyList<ColumnDefinition> Schema => _schema;

    /// <summary>Rows appended so far.</summary>
    public long RowCount { get; private set; }

    /// <summary>Appends a batch whose columns match <see cref="Schema"/> in name, type and order.</summary>
    public void Append(Table batch)
    {
        ThrowIfFinished();
        CheckSchema(batch);
        var start = 0;
        while (start < batch.RowCount)
        {
            var take = RowsUntilGroupEnds(batch, start);
            _pending.Add((batch, start, take));
            _pendingRows += take;
            start += take;
            RowCount += take;
            if (_pendingRows == MaxRowGroupRows || _pendingBytes >= TargetRowGroupBytes) Flush();
        }
    }

    /// <summary>Writes the last row group and the footer, then moves the file to <see cref="Path"/>, replacing any existing file.</summary>
    public void Complete()
    {
        ThrowIfFinished();
        try
        {
            if (_pendingRows > 0) Flush();
            Run(async () => await _writer.DisposeAsync());
            _stream.Flush(flushToDisk: false);
            _stream.Dispose();
            // rename(2) within one directory: readers see either the old file or the complete new one.
            File.Move(_temporaryPath, Path, overwrite: true);
            _completed = true;
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_completed) return;
        try { Run(async () => await _writer.DisposeAsync()); }
        catch (Exception) { /* the file is being discarded; its footer does not matter */ }
        _stream.Dispose();
        try { File.Delete(_temporaryPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>How many rows from <paramref name="start"/> still fit the current row group; adds their estimated size.</summary>
    private int RowsUntilGroupEnds(Table batch, int start)
    {
        var room = Math.Min(MaxRowGroupRows - _pendingRows, batch.RowCount - start);
        if (_variableColumns.Length == 0)
        {
            // Every row has the same size: the group ends at a fixed row count.
            var perRow = Math.Max(1, _fixedRowBytes);
            var rowsToTarget = (TargetRowGroupBytes - _pendingBytes + perRow - 1) / perRow;
            var take = (int)Math.Min(room, rowsToTarget);
            _pendingBytes += (long)take * perRow;
            return take;
        }
        var columns = _variableColumns.Select(c => batch.Columns[c]).ToArray();
        for (var row = 0; row < room; row++)
        {
            long bytes = _fixedRowBytes;
            foreach (var column in columns)
                bytes += 16 + column.Values switch
                {
                    string?[] strings => 2L * (strings[start + row]?.Length ?? 0),
                    float[]?[] lists => 4L * (lists[start + row]?.Length ?? 0),
                    _ => 0,
                };
            _pendingBytes += bytes;
            if (_pendingBytes >= TargetRowGroupBytes) return row + 1;
        }
        return room;
    }

    private void Flush()
    {
        var rows = _pendingRows;
        if (_ones.Length < rows) _ones = Enumerable.Repeat(1, rows).ToArray();
        try
        {
            Run(async () =>
            {
                using var group = _writer.CreateRowGroup();
                for (var c = 0; c < _schema.Length; c++)
                {
                    var (values, nulls, start) = Gather(c, rows);
                    await ParquetColumnCodec.WriteAsync(group, _fields[c], _schema[c].Type, values, nulls, start, rows, _ones);
                }
                group.CompleteValidate();
            });
        }
        catch
        {
            _failed = true;
            throw;
        }
        _pending.Clear();
        _pendingRows = 0;
        _pendingBytes = 0;
    }

    /// <summary>Column <paramref name="c"/> of the pending rows: the batch's own storage when one batch holds them all, else a copy.</summary>
    private (Array Values, bool[]? Nulls, int Start) Gather(int c, int rows)
    {
        if (_pending.Count == 1)
        {
            var (batch, start, _) = _pending[0];
            return (batch.Columns[c].Values, batch.Columns[c].Nulls, start);
        }
        var elementType = _pending[0].Batch.Columns[c].Values.GetType().GetElementType()!;
        var values = Array.CreateInstance(elementType, rows);
        bool[]? nulls = null;
        var at = 0;
        foreach (var (batch, start, count) in _pending)
        {
            var column = batch.Columns[c];
            Array.Copy(column.Values, start, values, at, count);
            if (column.Nulls is not null)
            {
                nulls ??= new bool[rows];
                Array.Copy(column.Nulls, start, nulls, at, count);
            }
            at += count;
        }
        return (values, nulls, 0);
    }

    /// <summary>
    /// Fixed writer settings (they decide the bytes). Strings are dictionary-encoded: stage-table strings are
    /// ids and names repeated across rows, which then cost an index each and read back as shared instances.
    /// </summary>
    private static ParquetOptions Options(IEnumerable<ColumnDefinition> schema)
    {
        var options = new ParquetOptions { CompressionMethod = Compression, CompressionLevel = CompressionLevel.Optimal };
        foreach (var column in schema.Where(d => d.Type == ColumnType.String)) options.ColumnEncodingHints[column.Name] = EncodingHint.Dictionary;
        return options;
    }

    private static int FixedBytes(ColumnType type) => type switch
    {
        ColumnType.Double or ColumnType.Int64 => 8,
        ColumnType.Float or ColumnType.Int32 => 4,
        ColumnType.Bool => 1,
        _ => 0,
    };

    private void ThrowIfFinished()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException($"The Parquet file '{Path}' has already been completed.");
        if (_failed) throw new InvalidOperationException($"Writing the Parquet file '{Path}' failed earlier; start a new writer.");
    }

    private void CheckSchema(Table batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = batch.Columns;
        if (columns.Count != _schema.Length)
            throw new ArgumentException(
                $"The batch has {columns.Count} columns, but the schema has {_schema.Length}: " +
                $"expected [{string.Join(", ", _schema.Select(d => d.ToString()))}].", nameof(batch));
        for (var i = 0; i < _schema.Length; i++)
        {
            if (columns[i].Name != _schema[i].Name)
                throw new ArgumentException(
                    $"Batch column {i} is named '{columns[i].Name}', but the schema expects '{_schema[i].Name}' there.", nameof(batch));
            if (columns[i].Type != _schema[i].Type)
                throw new ArgumentException(
                    $"Batch column '{columns[i].Name}' has type {columns[i].Type}, but the schema expects type {_schema[i].Type}.", nameof(batch));
        }
    }

    // Parquet.Net is async-only; run it off any synchronisation context so blocking on it cannot deadlock.
    internal static T Run<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
    internal static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();
}
