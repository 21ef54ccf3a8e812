namespace Radiogenomics.Tables;

/// <summary>Quoting helpers for building DuckDB SQL from arbitrary names and paths.</summary>
public static class DuckDbSql
{
    /// <summary>Quotes an identifier (column or table name) so spaces, quotes and unicode survive.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0')) throw new ArgumentException("Identifiers cannot contain NUL characters.", nameof(name));
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Quotes a string literal (e.g. a file path) for use in SQL.</summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0')) throw new ArgumentException("SQL strings cannot contain NUL characters.", nameof(value));
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
