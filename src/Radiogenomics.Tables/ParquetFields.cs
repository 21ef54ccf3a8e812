using Parquet.Schema;

namespace Radiogenomics.Tables;

/// <summary>
/// How <see cref="ColumnType"/>s map to Parquet fields. Every column is written OPTIONAL (nullable), as DuckDB
/// writes them, so a schema never depends on whether a particular table happens to contain nulls.
/// FloatArray is a LIST of required FLOAT elements.
/// </summary>
internal static class ParquetFields
{
    public static Field For(ColumnDefinition definition) => definition.Type switch
    {
        ColumnType.Double => new DataField<double?>(definition.Name),
        ColumnType.Float => new DataField<float?>(definition.Name),
        ColumnType.Int32 => new DataField<int?>(definition.Name),
        ColumnType.Int64 => new DataField<long?>(definition.Name),
        ColumnType.Bool => new DataField<bool?>(definition.Name),
        ColumnType.String => new DataField<string>(definition.Name, true),
        ColumnType.FloatArray => new ListField(definition.Name, new DataField<float>("element", false)),
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition.Type, "Unknown column type."),
    };

    /// <summary>
    /// The column type of a top-level field written as this library writes them (flat primitives and lists of
    /// floats), or null for anything else (small integers, decimals, dates, nested data…), which the caller
    /// then reads through DuckDB, whose conversions cover those.
    /// </summary>
    public static ColumnType? TypeOf(Field field)
    {
        if (field is ListField { Item: DataField item } && item.ClrType == typeof(float) && !item.IsArray) return ColumnType.FloatArray;
        if (field is not DataField { IsArray: false } data) return null;
        if (data.ClrType == typeof(double)) return ColumnType.Double;
        if (data.ClrType == typeof(float)) return ColumnType.Float;
        if (data.ClrType == typeof(int)) return ColumnType.Int32;
        if (data.ClrType == typeof(long)) return ColumnType.Int64;
        if (data.ClrType == typeof(bool)) return ColumnType.Bool;
        if (data.ClrType == typeof(string) || data.ClrType == typeof(ReadOnlyMemory<char>)) return ColumnType.String;
        return null;
    }
}
