using System.Text;
using DuckDB.NET.Native;
using Radiogenomics.Tables;

namespace Radiogenomics.Bench;

/// <summary>
/// The table path the project used before issue #20, for the table benchmark only: rows packed 2,048 at a time
/// into DuckDB data chunks (fixed widths block-copied, strings assigned per row) and appended to an in-memory
/// table, then <c>COPY … (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE …)</c>; reading ran
/// <c>read_parquet</c> and block-copied each result vector. The same C API calls as our former P/Invoke
/// declarations, now through DuckDB.NET.Bindings, against the same DuckDB 1.5.6; only the types the
/// benchmark tables use (VARCHAR, INTEGER, BIGINT, FLOAT, DOUBLE, no nulls).
/// </summary>
public sealed unsafe class ChunkPathBaseline : IDisposable
{
    private readonly DuckDBDatabase _database;
    private readonly DuckDBNativeConnection _connection;

    public ChunkPathBaseline()
    {
        if (NativeMethods.Startup.DuckDBOpen(null, out _database) != DuckDBState.Success) throw new InvalidOperationException("could not open DuckDB");
        if (NativeMethods.Startup.DuckDBConnect(_database, out _connection) != DuckDBState.Success) throw new InvalidOperationException("could not connect");
        Execute("SET threads = 1; SET preserve_insertion_order = true");
    }

    public void Write(Table table, string path)
    {
        Execute("DROP TABLE IF EXISTS staged");
        Execute($"CREATE TABLE staged ({string.Join(", ", table.Schema.Select(d => $"{DuckDbSql.QuoteIdentifier(d.Name)} {d.SqlType}"))})");
        if (NativeMethods.Appender.DuckDBAppenderCreate(_connection, null, "staged", out var appender) != DuckDBState.Success)
            throw new InvalidOperationException("could not create an appender");
        var types = table.Columns.Select(c => NativeMethods.LogicalType.DuckDBCreateLogicalType(TypeOf(c.Type))).ToArray();
        using var chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(types.Select(t => t.DangerousGetHandle()).ToArray(), (ulong)types.Length);
        var vectorSize = (int)NativeMethods.Helpers.DuckDBVectorSize();
        long bytes = 0;
        for (var start = 0; start < table.RowCount; start += vectorSize)
        {
            var rows = Math.Min(vectorSize, table.RowCount - start);
            for (var c = 0; c < table.ColumnCount; c++)
                bytes += Fill(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c), table.Columns[c], start, rows);
            NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)rows);
            if (NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk) != DuckDBState.Success)
                throw new InvalidOperationException("appending a data chunk failed");
            NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
        }
        NativeMethods.Appender.DuckDBAppenderClose(appender);
        appender.Dispose();
        foreach (var type in types) type.Dispose();
        // The former row-group rule: about 128 MiB per group, a multiple of 2,048 rows, at most 122,880.
        var perRow = Math.Max(1, bytes / Math.Max(1, table.RowCount));
        var groupRows = Math.Clamp(128L * 1024 * 1024 / perRow / 2048 * 2048, 2048, 122_880);
        Execute($"COPY staged TO {DuckDbSql.QuoteString(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {groupRows})");
    }

    public Table Read(string path)
    {
        if (NativeMethods.Query.DuckDBQuery(_connection, $"SELECT * FROM read_parquet({DuckDbSql.QuoteString(path)})", out var result) != DuckDBState.Success)
            throw new InvalidOperationException(NativeMethods.Query.DuckDBResultError(ref result));
        try
        {
            var columns = (int)NativeMethods.Query.DuckDBColumnCount(ref result);
            var names = Enumerable.Range(0, columns).Select(c => NativeMethods.Query.DuckDBColumnName(ref result, c)).ToArray();
            var kinds = Enumerable.Range(0, columns).Select(c => NativeMethods.Query.DuckDBColumnType(ref result, c)).ToArray();
            var values = kinds.Select(k => new List<Array>()).ToArray();
            while (true)
            {
                using var chunk = NativeMethods.Query.DuckDBFetchChunk(result);
                if (chunk.IsInvalid) break;
                var rows = (int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(chunk);
                if (rows == 0) break;
                for (var c = 0; c < columns; c++)
                    values[c].Add(Decode(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c), kinds[c], rows));
            }
            var table = new Table();
            for (var c = 0; c < columns; c++) table.Add(Concatenate(names[c], kinds[c], values[c]));
            return table;
        }
        finally
        {
            NativeMethods.Query.DuckDBDestroyResult(ref result);
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
    }

    private void Execute(string sql)
    {
        if (NativeMethods.Query.DuckDBQuery(_connection, sql, out var result) != DuckDBState.Success)
        {
            var error = NativeMethods.Query.DuckDBResultError(ref result);
            NativeMethods.Query.DuckDBDestroyResult(ref result);
            throw new InvalidOperationException(error);
        }
        NativeMethods.Query.DuckDBDestroyResult(ref result);
    }

    private static DuckDBType TypeOf(ColumnType type) => type switch
    {
        ColumnType.Double => DuckDBType.Double,
        ColumnType.Float => DuckDBType.Float,
        ColumnType.Int32 => DuckDBType.Integer,
        ColumnType.Int64 => DuckDBType.BigInt,
        ColumnType.String => DuckDBType.Varchar,
        _ => throw new NotSupportedException($"the baseline path covers the benchmark's column types only, not {type}"),
    };

    private static long Fill(IntPtr vector, Column column, int start, int rows) => column.Type switch
    {
        ColumnType.Double => Copy((double[])column.Values, vector, start, rows),
        ColumnType.Float => Copy((float[])column.Values, vector, start, rows),
        ColumnType.Int32 => Copy((int[])column.Values, vector, start, rows),
        ColumnType.Int64 => Copy((long[])column.Values, vector, start, rows),
        ColumnType.String => CopyStrings((string?[])column.Values, vector, start, rows),
        _ => throw new NotSupportedException(column.Type.ToString()),
    };

    private static long Copy<T>(T[] values, IntPtr vector, int start, int rows) where T : unmanaged
    {
        values.AsSpan(start, rows).CopyTo(new Span<T>(NativeMethods.Vectors.DuckDBVectorGetData(vector), rows));
        return (long)rows * sizeof(T);
    }

    private static long CopyStrings(string?[] values, IntPtr vector, int start, int rows)
    {
        long bytes = 16L * rows;
        Span<byte> buffer = stackalloc byte[1024];
        for (var row = 0; row < rows; row++)
        {
            var length = Encoding.UTF8.GetBytes(values[start + row]!, buffer);
            bytes += length;
            fixed (byte* utf8 = buffer) NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(vector, (ulong)row, utf8, length);
        }
        return bytes;
    }

    private Array Decode(IntPtr vector, DuckDBType kind, int rows)
    {
        var data = NativeMethods.Vectors.DuckDBVectorGetData(vector);
        switch (kind)
        {
            case DuckDBType.Double: return new ReadOnlySpan<double>(data, rows).ToArray();
            case DuckDBType.Float: return new ReadOnlySpan<float>(data, rows).ToArray();
            case DuckDBType.Integer: return new ReadOnlySpan<int>(data, rows).ToArray();
            case DuckDBType.BigInt: return new ReadOnlySpan<long>(data, rows).ToArray();
            case DuckDBType.Varchar:
                var strings = new string[rows];
                var entries = (byte*)data;
                for (var row = 0; row < rows; row++)
                {
                    // duckdb_string_t: a uint32 length, then the bytes inline when ≤ 12, else a prefix and a pointer.
                    var entry = entries + row * 16;
                    var length = *(int*)entry;
                    strings[row] = length <= 12 ? Inline(entry, length) : Encoding.UTF8.GetString(*(byte**)(entry + 8), length);
                }
                return strings;
            default: throw new NotSupportedException(kind.ToString());
        }
    }

    // The former reader's cache of short strings, keyed on their 16 inline bytes: categorical ids share one instance.
    private readonly ulong[] _cacheLow = new ulong[4096];
    private readonly ulong[] _cacheHigh = new ulong[4096];
    private readonly string?[] _cacheValue = new string?[4096];

    private string Inline(byte* entry, int length)
    {
        var low = *(ulong*)entry & Mask(4 + Math.Min(length, 4));
        var high = *(ulong*)(entry + 8) & Mask(Math.Max(length - 4, 0));
        var slot = (int)(((low * 0x9E3779B97F4A7C15UL) ^ high) * 0xC2B2AE3D27D4EB4FUL >> 52);
        if (_cacheValue[slot] is { } cached && _cacheLow[slot] == low && _cacheHigh[slot] == high) return cached;
        var decoded = Encoding.UTF8.GetString(entry + 4, length);
        (_cacheLow[slot], _cacheHigh[slot], _cacheValue[slot]) = (low, high, decoded);
        return decoded;
    }

    private static ulong Mask(int bytes) => bytes >= 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;

    private static Column Concatenate(string name, DuckDBType kind, List<Array> parts)
    {
        Array Join<T>()
        {
            var joined = new T[parts.Sum(p => p.Length)];
            var at = 0;
            foreach (var part in parts)
            {
                Array.Copy(part, 0, joined, at, part.Length);
                at += part.Length;
            }
            return joined;
        }
        return kind switch
        {
            DuckDBType.Double => Column.Adopt(name, ColumnType.Double, Join<double>(), null),
            DuckDBType.Float => Column.Adopt(name, ColumnType.Float, Join<float>(), null),
            DuckDBType.Integer => Column.Adopt(name, ColumnType.Int32, Join<int>(), null),
            DuckDBType.BigInt => Column.Adopt(name, ColumnType.Int64, Join<long>(), null),
            DuckDBType.Varchar => Column.Adopt(name, ColumnType.String, Join<string>(), null),
            _ => throw new NotSupportedException(kind.ToString()),
        };
    }
}
