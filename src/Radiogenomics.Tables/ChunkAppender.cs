using System.Buffers;
using System.Text;

namespace Radiogenomics.Tables;

/// <summary>
/// Streams <see cref="Table"/> batches into a DuckDB table through the appender's data-chunk API.
/// Rows are packed into one reusable data chunk; fixed-width columns are block-copied into its vectors,
/// and each full chunk (2,048 rows) goes to <c>duckdb_append_data_chunk</c>. Rows keep their order.
/// </summary>
/// <remarks>
/// Chunks are filled across batch boundaries, so the chunks DuckDB receives depend only on the row
/// sequence, never on how the caller split it into batches. This matters: DuckDB's Parquet writer cuts
/// row groups at chunk boundaries, so batch-shaped chunks would change the file's bytes.
/// </remarks>
internal sealed unsafe class ChunkAppender : IDisposable
{
    // Bounds the floats staged in one chunk, so very large tensors do not make a single chunk huge.
    private const long MaxFloatsPerChunk = 16L * 1024 * 1024;
    private const int StackallocLimit = 256;

    private readonly ColumnDefinition[] _schema;
    private readonly int _vectorSize;
    private readonly string _tableName;
    private readonly bool _hasFloatArrays;
    private IntPtr _appender;
    private IntPtr _chunk;
    private int _chunkRows;
    private long _chunkFloats;

    public ChunkAppender(IntPtr connection, string tableName, IReadOnlyList<ColumnDefinition> schema)
    {
        _schema = [.. schema];
        _tableName = tableName;
        _vectorSize = checked((int)DuckDbNative.VectorSize());
        _hasFloatArrays = _schema.Any(d => d.Type == ColumnType.FloatArray);

        if (DuckDbNative.AppenderCreate(connection, null, tableName, out _appender) != DuckDbNative.Success)
        {
            var message = TakeAppenderError() ?? $"could not create an appender for table '{tableName}'";
            Dispose();
            throw new DuckDbException(message, null);
        }

        var types = new IntPtr[_schema.Length];
        try
        {
            for (var i = 0; i < _schema.Length; i++) types[i] = CreateLogicalType(_schema[i].Type);
            fixed (IntPtr* typesPointer = types)
                _chunk = DuckDbNative.CreateDataChunk(typesPointer, (ulong)types.Length);
        }
        finally
        {
            for (var i = 0; i < types.Length; i++)
                if (types[i] != IntPtr.Zero) DuckDbNative.DestroyLogicalType(ref types[i]);
        }
    }

    public long RowsAppended { get; private set; }

    /// <summary>
    /// Approximate in-memory size of the rows appended so far (fixed widths, UTF-8 string bytes, list
    /// elements, plus DuckDB's 16-byte string and list entries). It depends only on the data, never on
    /// how the rows were split into batches, so decisions based on it stay deterministic.
    /// </summary>
    public long EstimatedBytes { get; private set; }

    public void Append(Table batch)
    {
        ObjectDisposedException.ThrowIf(_appender == IntPtr.Zero, this);
        CheckSchema(batch);
        var columns = batch.Columns;
        var start = 0;
        while (start < batch.RowCount)
        {
            var rows = RowsThatFit(columns, start, batch.RowCount - start);
            if (rows == 0)
            {
                SendChunk();
                continue;
            }
            for (var c = 0; c < columns.Count; c++)
                EstimatedBytes += FillVector(DuckDbNative.DataChunkGetVector(_chunk, (ulong)c), columns[c], start, _chunkRows, rows);
            _chunkRows += rows;
            start += rows;
            RowsAppended += rows;
            if (_chunkRows == _vectorSize) SendChunk();
        }
    }

    /// <summary>Sends the last partial chunk, flushes everything into the table and closes the appender.</summary>
    public void Close()
    {
        ObjectDisposedException.ThrowIf(_appender == IntPtr.Zero, this);
        if (_chunkRows > 0) SendChunk();
        if (DuckDbNative.AppenderClose(_appender) != DuckDbNative.Success)
            throw new DuckDbException(TakeAppenderError() ?? $"closing the appender for '{_tableName}' failed", null);
    }

    public void Dispose()
    {
        if (_chunk != IntPtr.Zero) DuckDbNative.DestroyDataChunk(ref _chunk);
        if (_appender != IntPtr.Zero) DuckDbNative.AppenderDestroy(ref _appender);
        _chunk = IntPtr.Zero;
        _appender = IntPtr.Zero;
    }

    private void SendChunk()
    {
        DuckDbNative.DataChunkSetSize(_chunk, (ulong)_chunkRows);
        if (DuckDbNative.AppendDataChunk(_appender, _chunk) != DuckDbNative.Success)
            throw new DuckDbException(TakeAppenderError() ?? "appending a data chunk failed", null);
        DuckDbNative.DataChunkReset(_chunk);
        _chunkRows = 0;
        _chunkFloats = 0;
    }

    /// <summary>
    /// How many rows from <paramref name="start"/> go into the current chunk: up to its free space, and for
    /// tensors no more than the float budget (a lone row always fits an empty chunk). Zero means "send first".
    /// </summary>
    private int RowsThatFit(IReadOnlyList<Column> columns, int start, int remaining)
    {
        var rows = Math.Min(_vectorSize - _chunkRows, remaining);
        if (!_hasFloatArrays) return rows;

        for (var row = 0; row < rows; row++)
        {
            long floats = 0;
            foreach (var column in columns)
                if (column.Type == ColumnType.FloatArray)
                    floats += ((float[]?[])column.Values)[start + row]?.Length ?? 0;
            var chunkIsEmpty = _chunkRows == 0 && row == 0;
            if (!chunkIsEmpty && _chunkFloats + floats > MaxFloatsPerChunk) return row;
            _chunkFloats += floats;
        }
        return rows;
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
                    $"Batch column {i} is named '{columns[i].Name}', but the schema expects '{_schema[i].Name}' there.",
                    nameof(batch));
            if (columns[i].Type != _schema[i].Type)
                throw new ArgumentException(
                    $"Batch column '{columns[i].Name}' has type {columns[i].Type}, but the schema expects type {_schema[i].Type}.",
                    nameof(batch));
        }
    }

    private static IntPtr CreateLogicalType(ColumnType type)
    {
        if (type == ColumnType.FloatArray)
        {
            var child = DuckDbNative.CreateLogicalType(DuckDbType.Float);
            try { return DuckDbNative.CreateListType(child); }
            finally { DuckDbNative.DestroyLogicalType(ref child); }
        }
        return DuckDbNative.CreateLogicalType(type switch
        {
            ColumnType.Double => DuckDbType.Double,
            ColumnType.Float => DuckDbType.Float,
            ColumnType.Int32 => DuckDbType.Integer,
            ColumnType.Int64 => DuckDbType.BigInt,
            ColumnType.String => DuckDbType.Varchar,
            ColumnType.Bool => DuckDbType.Boolean,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
        });
    }

    /// <summary>
    /// Copies column rows [start, start + rows) into vector rows [at, at + rows); returns their estimated size in bytes.
    /// </summary>
    private static long FillVector(IntPtr vector, Column column, int start, int at, int rows)
    {
        var bytes = column.Type switch
        {
            ColumnType.Double => CopyFixed((double[])column.Values, vector, start, at, rows),
            ColumnType.Float => CopyFixed((float[])column.Values, vector, start, at, rows),
            ColumnType.Int32 => CopyFixed((int[])column.Values, vector, start, at, rows),
            ColumnType.Int64 => CopyFixed((long[])column.Values, vector, start, at, rows),
            ColumnType.Bool => CopyFixed((bool[])column.Values, vector, start, at, rows),
            ColumnType.String => CopyStrings((string?[])column.Values, vector, start, at, rows),
            ColumnType.FloatArray => CopyFloatArrays((float[]?[])column.Values, vector, start, at, rows),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };
        WriteValidity(vector, column.Nulls, start, at, rows);
        return bytes;
    }

    private static long CopyFixed<T>(T[] values, IntPtr vector, int start, int at, int rows) where T : unmanaged
    {
        values.AsSpan(start, rows).CopyTo(new Span<T>((T*)DuckDbNative.VectorGetData(vector) + at, rows));
        return (long)rows * sizeof(T);
    }

    private static long CopyStrings(string?[] values, IntPtr vector, int start, int at, int rows)
    {
        long bytes = 16L * rows;
        byte[]? rented = null;
        Span<byte> small = stackalloc byte[StackallocLimit];
        try
        {
            for (var row = 0; row < rows; row++)
            {
                var value = values[start + row];
                if (value is null) continue; // marked invalid by WriteValidity
                var index = (ulong)(at + row);
                var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (maxBytes <= StackallocLimit)
                {
                    var length = Encoding.UTF8.GetBytes(value, small);
                    bytes += length;
                    fixed (byte* utf8 = small)
                        DuckDbNative.VectorAssignStringElementLen(vector, index, utf8, (ulong)length);
                }
                else
                {
                    if (rented is null || rented.Length < maxBytes)
                    {
                        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
                        rented = ArrayPool<byte>.Shared.Rent(maxBytes);
                    }
                    var length = Encoding.UTF8.GetBytes(value, rented);
                    bytes += length;
                    fixed (byte* utf8 = rented)
                        DuckDbNative.VectorAssignStringElementLen(vector, index, utf8, (ulong)length);
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        return bytes;
    }

    private static long CopyFloatArrays(float[]?[] values, IntPtr vector, int start, int at, int rows)
    {
        // Elements already in the child vector belong to rows [0, at) of this chunk; ours follow them.
        var offset = DuckDbNative.ListVectorGetSize(vector);
        ulong total = 0;
        for (var row = 0; row < rows; row++) total += (ulong)(values[start + row]?.Length ?? 0);
        if (DuckDbNative.ListVectorReserve(vector, offset + total) != DuckDbNative.Success)
            throw new DuckDbException($"could not reserve {offset + total} list elements", null);

        // Fetch pointers only after reserving: reserving may reallocate the child vector.
        var entries = (ListEntry*)DuckDbNative.VectorGetData(vector) + at;
        var elements = (float*)DuckDbNative.VectorGetData(DuckDbNative.ListVectorGetChild(vector));
        for (var row = 0; row < rows; row++)
        {
            var array = values[start + row];
            var length = (ulong)(array?.Length ?? 0);
            entries[row] = new ListEntry { Offset = offset, Length = length };
            if (length > 0) array.AsSpan().CopyTo(new Span<float>(elements + offset, (int)length));
            offset += length;
        }
        if (DuckDbNative.ListVectorSetSize(vector, offset) != DuckDbNative.Success)
            throw new DuckDbException($"could not set the list size to {offset}", null);
        return 16L * rows + 4L * (long)total;
    }

    /// <summary>Sets validity bits [at, at + rows) from the column's null mask (bit set = valid).</summary>
    private static void WriteValidity(IntPtr vector, bool[]? nulls, int start, int at, int rows)
    {
        var anyNull = nulls is not null && nulls.AsSpan(start, rows).Contains(true);
        if (anyNull) DuckDbNative.VectorEnsureValidityWritable(vector);
        var mask = DuckDbNative.VectorGetValidity(vector);
        // No mask means every row is valid, which is right when this slice has no nulls.
        if (mask is null) return;
        for (var row = 0; row < rows; row++)
        {
            var bit = at + row;
            if (anyNull && nulls![start + row]) mask[bit >> 6] &= ~(1UL << (bit & 63));
            else mask[bit >> 6] |= 1UL << (bit & 63);
        }
    }

    private string? TakeAppenderError()
    {
        if (_appender == IntPtr.Zero) return null;
        var error = DuckDbNative.AppenderErrorData(_appender);
        if (error == IntPtr.Zero) return null;
        try { return DuckDbNative.Utf8(DuckDbNative.ErrorDataMessage(error)); }
        finally { DuckDbNative.DestroyErrorData(ref error); }
    }
}
