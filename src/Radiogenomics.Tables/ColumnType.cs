namespace Radiogenomics.Tables;

/// <summary>The value types a <see cref="Table"/> column can hold, with the DuckDB/Parquet type each maps to.</summary>
public enum ColumnType
{
    /// <summary>64-bit float; DuckDB DOUBLE.</summary>
    Double,
    /// <summary>32-bit float; DuckDB FLOAT.</summary>
    Float,
    /// <summary>32-bit integer; DuckDB INTEGER.</summary>
    Int32,
    /// <summary>64-bit integer; DuckDB BIGINT.</summary>
    Int64,
    /// <summary>UTF-8 text; DuckDB VARCHAR.</summary>
    String,
    /// <summary>Boolean; DuckDB BOOLEAN.</summary>
    Bool,
    /// <summary>Variable-length list of 32-bit floats per row (image tensors); DuckDB FLOAT[].</summary>
    FloatArray,
}
