using System.Data.Common;
using System.Numerics;

namespace Radiogenomics.Tables;

/// <summary>Collects one column of a DuckDB query result, row by row, into a typed <see cref="Column"/>.</summary>
internal abstract class ResultColumn(string name)
{
    protected readonly List<bool> Nulls = [];

    public string Name { get; } = name;

    public abstract void Add(DbDataReader reader, int ordinal);

    public abstract Column Build();

    protected bool[]? NullMask() => Nulls.Contains(true) ? [.. Nulls] : null;

    /// <summary>A collector for a result column of this CLR type (as DuckDB.NET reports it), or a clear error.</summary>
    public static ResultColumn For(string name, Type type, string duckDbType)
    {
        if (type == typeof(double)) return new Values<double, double>(name, ColumnType.Double, v => v);
        if (type == typeof(float)) return new Values<float, float>(name, ColumnType.Float, v => v);
        if (type == typeof(int)) return new Values<int, int>(name, ColumnType.Int32, v => v);
        if (type == typeof(long)) return new Values<long, long>(name, ColumnType.Int64, v => v);
        if (type == typeof(bool)) return new Values<bool, bool>(name, ColumnType.Bool, v => v);
        if (type == typeof(string)) return new Strings(name);
        // Lossless widenings, so SQL results with small integer types still load.
        if (type == typeof(sbyte)) return new Values<sbyte, int>(name, ColumnType.Int32, v => v);
        if (type == typeof(short)) return new Values<short, int>(name, ColumnType.Int32, v => v);
        if (type == typeof(byte)) return new Values<byte, int>(name, ColumnType.Int32, v => v);
        if (type == typeof(ushort)) return new Values<ushort, int>(name, ColumnType.Int32, v => v);
        if (type == typeof(uint)) return new Values<uint, long>(name, ColumnType.Int64, v => v);
        // SUM() over integers yields HUGEINT; keep it integral and fail loudly if it does not fit.
        if (type == typeof(BigInteger)) return new Values<BigInteger, long>(name, ColumnType.Int64, v => CheckedInt64(name, v));
        if (type == typeof(ulong)) return new Values<ulong, long>(name, ColumnType.Int64, v => CheckedInt64(name, v));
        if (type == typeof(decimal)) return new Values<decimal, double>(name, ColumnType.Double, v => (double)v);
        if (type == typeof(List<float>) || type == typeof(float[])) return new FloatLists(name);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            duckDbType = $"LIST of {SqlName(type.GetGenericArguments()[0]) ?? type.GetGenericArguments()[0].Name.ToUpperInvariant()}";
        else duckDbType = duckDbType.ToUpperInvariant();
        throw new NotSupportedException(
            $"Column '{name}' has DuckDB type {duckDbType}, which a Table cannot hold. " +
            "Cast it in SQL to DOUBLE, FLOAT, INTEGER, BIGINT, VARCHAR, BOOLEAN or FLOAT[].");
    }

    private static string? SqlName(Type type) =>
        type == typeof(double) ? "DOUBLE" : type == typeof(float) ? "FLOAT" : type == typeof(int) ? "INTEGER"
        : type == typeof(long) ? "BIGINT" : type == typeof(string) ? "VARCHAR" : type == typeof(bool) ? "BOOLEAN" : null;

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

    private sealed class Values<TSource, TTarget>(string name, ColumnType type, Func<TSource, TTarget> convert) : ResultColumn(name)
        where TTarget : struct
    {
        private readonly List<TTarget> _values = [];

        public override void Add(DbDataReader reader, int ordinal)
        {
            var isNull = reader.IsDBNull(ordinal);
            Nulls.Add(isNull);
            _values.Add(isNull ? default : convert(reader.GetFieldValue<TSource>(ordinal)));
        }

        public override Column Build() => Column.Adopt(Name, type, _values.ToArray(), NullMask());
    }

    private sealed class Strings(string name) : ResultColumn(name)
    {
        private readonly List<string?> _values = [];

        public override void Add(DbDataReader reader, int ordinal)
        {
            var isNull = reader.IsDBNull(ordinal);
            Nulls.Add(isNull);
            _values.Add(isNull ? null : reader.GetString(ordinal));
        }

        public override Column Build() => Column.Adopt(Name, ColumnType.String, _values.ToArray(), NullMask());
    }

    private sealed class FloatLists(string name) : ResultColumn(name)
    {
        private readonly List<float[]?> _values = [];

        public override void Add(DbDataReader reader, int ordinal)
        {
            var isNull = reader.IsDBNull(ordinal);
            Nulls.Add(isNull);
            if (isNull) { _values.Add(null); return; }
            try
            {
                _values.Add([.. reader.GetFieldValue<List<float>>(ordinal)]);
            }
            catch (InvalidCastException e)
            {
                throw new NotSupportedException(
                    $"Column '{Name}' row {_values.Count} has a null element inside its float list; " +
                    "FloatArray rows can be null, but their elements cannot.", e);
            }
        }

        public override Column Build() => Column.Adopt(Name, ColumnType.FloatArray, _values.ToArray(), NullMask());
    }
}
