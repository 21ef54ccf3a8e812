namespace Radiogenomics.Tables;

/// <summary>An error reported by DuckDB, carrying DuckDB's own message and the SQL that caused it.</summary>
public sealed class DuckDbException : Exception
{
    // Generated statements (e.g. CREATE TABLE for 5,000 columns) can be huge; keep messages readable.
    private const int MaxSqlInMessage = 2_000;

    public DuckDbException(string duckDbMessage, string? sql)
        : base(Format(duckDbMessage, sql))
    {
        DuckDbMessage = duckDbMessage;
        Sql = sql;
    }

    /// <summary>The error text exactly as DuckDB reported it.</summary>
    public string DuckDbMessage { get; }

    /// <summary>The statement that failed, when there was one (null for e.g. open or append failures).</summary>
    public string? Sql { get; }

    private static string Format(string duckDbMessage, string? sql)
    {
        if (sql is null) return duckDbMessage;
        var shown = sql.Length <= MaxSqlInMessage ? sql : sql[..MaxSqlInMessage] + $"… ({sql.Length} characters)";
        return $"{duckDbMessage}{Environment.NewLine}SQL: {shown}";
    }
}
