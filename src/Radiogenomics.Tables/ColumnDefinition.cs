namespace Radiogenomics.Tables;

/// <summary>A column's name and type: one entry of a table schema.</summary>
public sealed record ColumnDefinition(string Name, ColumnType Type)
{
    /// <summary>The DuckDB SQL type used to store this column.</summary>
    public string SqlType => ToSqlType(Type);

    public override string ToString() => $"{Name} {Type}";

    internal static string ToSqlType(ColumnType type) => type switch
    {
        ColumnType.Double => "DOUBLE",
        ColumnType.Float => "FLOAT",
        ColumnType.Int32 => "INTEGER",
        ColumnType.Int64 => "BIGINT",
        ColumnType.String => "VARCHAR",
        ColumnType.Bool => "BOOLEAN",
        ColumnType.FloatArray => "FLOAT[]",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };
}
