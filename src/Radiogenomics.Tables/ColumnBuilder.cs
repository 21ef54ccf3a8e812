using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Radiogenomics.Tables;

/// <summary>
/// Accumulates one result column from DuckDB data chunks into managed arrays. DuckDB hands chunks of up to
/// 2,048 rows in flat vectors; fixed-width values are block-copied, strings and lists are decoded per row.
/// </summary>
internal abstract unsafe class ColumnBuilder
{
    private const int InitialCapacity = 2048;

    private bool[]? _nulls;

    protected ColumnBuilder(string name, ColumnType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }
    public ColumnType Type { get; }
    protected int Count { get; private set; }

    /// <summary>Appends <paramref name="rows"/> rows of a flat vector.</summary>
    public void Append(IntPtr vector, int rows)
    {
        EnsureCapacity(Count + rows);
        var validity = DuckDbNative.VectorGetValidity(vector);
        AppendValues(vector, validity, rows);
        if (validity is not null) RecordNulls(validity, rows);
        Count += rows;
    }

    public Column Build() => Column.Adopt(Name, Type, TrimmedValues(Count), TrimNulls());

    /// <summary>Copies values for rows [Count, Count + rows); null rows must end up as default(T) / null.</summary>
    protected abstract void AppendValues(IntPtr vector, ulong* validity, int rows);

    protected abstract void Grow(int capacity);
    protected abstract Array TrimmedValues(int count);
    protected abstract int Capacity { get; }

    protected static bool IsValid(ulong* validity, int row) => IsValid(validity, (ulong)row);

    protected static bool IsValid(ulong* validity, ulong row) =>
        validity is null || (validity[row >> 6] & (1UL << (int)(row & 63))) != 0;

    private void EnsureCapacity(int required)
    {
        if (required <= Capacity) return;
        var capacity = Math.Max(InitialCapacity, Capacity);
        while (capacity < required) capacity = capacity >= int.MaxValue / 2 ? Array.MaxLength : capacity * 2;
        Grow(capacity);
        if (_nulls is not null) Array.Resize(ref _nulls, capacity);
    }

    private void RecordNulls(ulong* validity, int rows)
    {
        var words = (rows + 63) >> 6;
        for (var w = 0; w < words; w++)
        {
            var word = validity[w];
            var bitsInWord = Math.Min(64, rows - (w << 6));
            var mask = bitsInWord == 64 ? ulong.MaxValue : (1UL << bitsInWord) - 1;
            var invalid = ~word & mask;
            while (invalid != 0)
            {
                var bit = BitOperations.TrailingZeroCount(invalid);
                invalid &= invalid - 1;
                _nulls ??= new bool[Capacity];
                _nulls[Count + (w << 6) + bit] = true;
            }
        }
    }

    private bool[]? TrimNulls()
    {
        if (_nulls is null) return null;
        if (_nulls.Length != Count) Array.Resize(ref _nulls, Count);
        return _nulls;
    }

    // ---- factory ----

    /// <summary>A builder for a DuckDB column type, or a clear error when Table cannot hold it.</summary>
    public static ColumnBuilder For(string name, IntPtr logicalType)
    {
        var typeId = DuckDbNative.GetTypeId(logicalType);
        switch (typeId)
        {
            case DuckDbType.Double: return new Fixed<double>(name, ColumnType.Double);
            case DuckDbType.Float: return new Fixed<float>(name, ColumnType.Float);
            case DuckDbType.Integer: return new Fixed<int>(name, ColumnType.Int32);
            case DuckDbType.BigInt: return new Fixed<long>(name, ColumnType.Int64);
            case DuckDbType.Boolean: return new Fixed<bool>(name, ColumnType.Bool);
            case DuckDbType.Varchar: return new Strings(name);
            // Lossless widenings, so SQL results with small integer types still load.
            case DuckDbType.TinyInt: return new Converted<sbyte, int>(name, ColumnType.Int32, static v => v);
            case DuckDbType.SmallInt: return new Converted<short, int>(name, ColumnType.Int32, static v => v);
            case DuckDbType.UTinyInt: return new Converted<byte, int>(name, ColumnType.Int32, static v => v);
            case DuckDbType.USmallInt: return new Converted<ushort, int>(name, ColumnType.Int32, static v => v);
            case DuckDbType.UInteger: return new Converted<uint, long>(name, ColumnType.Int64, static v => v);
            // SUM() over integers yields HUGEINT; keep it integral and fail loudly if it does not fit.
            case DuckDbType.HugeInt: return new Converted<Int128, long>(name, ColumnType.Int64, v => CheckedInt64(name, v));
            case DuckDbType.UBigInt: return new Converted<ulong, long>(name, ColumnType.Int64, v => CheckedInt64(name, v));
            case DuckDbType.Decimal: return DecimalAsDouble(name, logicalType);
            case DuckDbType.List:
            {
                var child = DuckDbNative.ListTypeChildType(logicalType);
                try
                {
                    var childId = DuckDbNative.GetTypeId(child);
                    if (childId == DuckDbType.Float) return new FloatLists(name, fixedSize: 0);
                    throw Unsupported(name, $"LIST of {childId.ToString().ToUpperInvariant()}");
                }
                finally { DuckDbNative.DestroyLogicalType(ref child); }
            }
            case DuckDbType.Array:
            {
                var child = DuckDbNative.ArrayTypeChildType(logicalType);
                try
                {
                    var childId = DuckDbNative.GetTypeId(child);
                    var size = DuckDbNative.ArrayTypeArraySize(logicalType);
                    if (childId == DuckDbType.Float) return new FloatLists(name, checked((int)size));
                    throw Unsupported(name, $"ARRAY of {childId.ToString().ToUpperInvariant()}[{size}]");
                }
                finally { DuckDbNative.DestroyLogicalType(ref child); }
            }
            default:
                throw Unsupported(name, typeId.ToString().ToUpperInvariant());
        }
    }

    private static NotSupportedException Unsupported(string name, string duckDbType) => new(
        $"Column '{name}' has DuckDB type {duckDbType}, which a Table cannot hold. " +
        "Cast it in SQL to DOUBLE, FLOAT, INTEGER, BIGINT, VARCHAR, BOOLEAN or FLOAT[].");

    private static long CheckedInt64<T>(string name, T value) where T : INumberBase<T>
    {
        try
        {
            return long.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new OverflowException($"Column '{name}' holds {value}, which does not fit in a 64-bit integer (Int64).");
        }
    }

    private static ColumnBuilder DecimalAsDouble(string name, IntPtr logicalType)
    {
        var scale = DuckDbNative.DecimalScale(logicalType);
        var divisor = Math.Pow(10, scale); // exact for scale <= 22, so small decimals convert with correct rounding
        return DuckDbNative.DecimalInternalType(logicalType) switch
        {
            DuckDbType.SmallInt => new Converted<short, double>(name, ColumnType.Double, v => v / divisor),
            DuckDbType.Integer => new Converted<int, double>(name, ColumnType.Double, v => v / divisor),
            DuckDbType.BigInt => new Converted<long, double>(name, ColumnType.Double, v => v / divisor),
            DuckDbType.HugeInt => new Converted<Int128, double>(name, ColumnType.Double, v => (double)v / divisor),
            var other => throw Unsupported(name, $"DECIMAL stored as {other}"),
        };
    }

    // ---- builders ----

    /// <summary>Values whose DuckDB layout equals the .NET layout: one block copy per vector.</summary>
    private sealed class Fixed<T>(string name, ColumnType type) : ColumnBuilder(name, type) where T : unmanaged
    {
        private T[] _values = [];

        protected override int Capacity => _values.Length;
        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);
        protected override Array TrimmedValues(int count) => Trim(_values, count);

        protected override void AppendValues(IntPtr vector, ulong* validity, int rows)
        {
            var source = new ReadOnlySpan<T>(DuckDbNative.VectorGetData(vector), rows);
            var target = _values.AsSpan(Count, rows);
            source.CopyTo(target);
            if (validity is null) return;
            // DuckDB leaves arbitrary bytes under null rows (a bool could be 0xFF); normalise them.
            for (var row = 0; row < rows; row++)
                if (!IsValid(validity, row)) target[row] = default;
        }
    }

    /// <summary>Values that need a per-row conversion (widening integers, decimals).</summary>
    private sealed class Converted<TSource, TTarget>(string name, ColumnType type, Func<TSource, TTarget> convert)
        : ColumnBuilder(name, type) where TSource : unmanaged where TTarget : unmanaged
    {
        private TTarget[] _values = [];

        protected override int Capacity => _values.Length;
        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);
        protected override Array TrimmedValues(int count) => Trim(_values, count);

        protected override void AppendValues(IntPtr vector, ulong* validity, int rows)
        {
            var source = (TSource*)DuckDbNative.VectorGetData(vector);
            for (var row = 0; row < rows; row++)
                _values[Count + row] = IsValid(validity, row) ? convert(source[row]) : default;
        }
    }

    /// <summary>
    /// VARCHAR: decodes duckdb_string_t (16 bytes: a uint32 length, then the bytes inline if length &lt;= 12,
    /// else a 4-byte prefix and a pointer). Short strings are usually categorical (IDs, labels), so a small
    /// cache keyed on their full inline content hands back the same string instance instead of a new one.
    /// </summary>
    private sealed class Strings(string name) : ColumnBuilder(name, ColumnType.String)
    {
        private const int InlineLength = 12;
        private const int CacheBits = 12;

        private string?[] _values = [];
        private readonly ulong[] _cacheLow = new ulong[1 << CacheBits];
        private readonly ulong[] _cacheHigh = new ulong[1 << CacheBits];
        private readonly string?[] _cacheValue = new string?[1 << CacheBits];

        protected override int Capacity => _values.Length;
        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);
        protected override Array TrimmedValues(int count) => Trim(_values, count);

        protected override void AppendValues(IntPtr vector, ulong* validity, int rows)
        {
            var data = (byte*)DuckDbNative.VectorGetData(vector);
            for (var row = 0; row < rows; row++)
            {
                if (!IsValid(validity, row)) continue;
                var entry = data + (row * 16);
                var length = Unsafe.ReadUnaligned<uint>(entry);
                _values[Count + row] = length switch
                {
                    0 => string.Empty,
                    <= InlineLength => Inline(entry, (int)length),
                    _ => Encoding.UTF8.GetString((byte*)Unsafe.ReadUnaligned<nint>(entry + 8), checked((int)length)),
                };
            }
        }

        private string Inline(byte* entry, int length)
        {
            // Key = length + the string's bytes, with any padding masked off so stale bytes cannot matter.
            var low = Unsafe.ReadUnaligned<ulong>(entry) & ByteMask(4 + Math.Min(length, 4));
            var high = Unsafe.ReadUnaligned<ulong>(entry + 8) & ByteMask(Math.Max(length - 4, 0));
            var slot = (int)(((low * 0x9E3779B97F4A7C15UL) ^ high) * 0xC2B2AE3D27D4EB4FUL >> (64 - CacheBits));
            if (_cacheValue[slot] is { } cached && _cacheLow[slot] == low && _cacheHigh[slot] == high) return cached;
            var decoded = Encoding.UTF8.GetString(entry + 4, length);
            _cacheLow[slot] = low;
            _cacheHigh[slot] = high;
            _cacheValue[slot] = decoded;
            return decoded;
        }

        private static ulong ByteMask(int bytes) => bytes >= 8 ? ulong.MaxValue : (1UL << (bytes * 8)) - 1;
    }

    /// <summary>LIST(FLOAT) via duckdb_list_entry offsets, or ARRAY(FLOAT, n) with a fixed stride.</summary>
    private sealed class FloatLists(string name, int fixedSize) : ColumnBuilder(name, ColumnType.FloatArray)
    {
        private float[]?[] _values = [];

        protected override int Capacity => _values.Length;
        protected override void Grow(int capacity) => Array.Resize(ref _values, capacity);
        protected override Array TrimmedValues(int count) => Trim(_values, count);

        protected override void AppendValues(IntPtr vector, ulong* validity, int rows)
        {
            var isList = fixedSize == 0;
            var entries = isList ? (ListEntry*)DuckDbNative.VectorGetData(vector) : null;
            var child = isList ? DuckDbNative.ListVectorGetChild(vector) : DuckDbNative.ArrayVectorGetChild(vector);
            var elements = (float*)DuckDbNative.VectorGetData(child);
            var elementValidity = DuckDbNative.VectorGetValidity(child);
            for (var row = 0; row < rows; row++)
            {
                if (!IsValid(validity, row)) continue;
                var offset = isList ? entries[row].Offset : (ulong)row * (ulong)fixedSize;
                var length = isList ? checked((int)entries[row].Length) : fixedSize;
                if (elementValidity is not null)
                    for (var i = 0; i < length; i++)
                        if (!IsValid(elementValidity, offset + (ulong)i))
                            throw new NotSupportedException(
                                $"Column '{Name}' row {Count + row} has a null element inside its float list; " +
                                "FloatArray rows can be null, but their elements cannot.");
                _values[Count + row] = new ReadOnlySpan<float>(elements + offset, length).ToArray();
            }
        }
    }

    private static T[] Trim<T>(T[] values, int count)
    {
        if (values.Length != count) Array.Resize(ref values, count);
        return values;
    }
}
