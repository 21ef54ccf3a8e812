namespace Radiogenomics.Tables;

/// <summary>
/// Reads a Parquet file through DuckDB's <c>read_parquet</c>, for files whose types a <see cref="Table"/> holds
/// only after a conversion (small or unsigned integers, DECIMAL, fixed-size float arrays…); see <see cref="DuckDbConnection.Query"/>.
/// </summary>
internal static class DuckDbParquet
{
    public static Table Read(string fullPath, IReadOnlyList<string>? names, bool schemaOnly)
    {
        // read_parquet expands '*', '?' and '[' as a glob, so such a path is read through a symbolic link with a plain name.
        string? link = null;
        try
        {
            var scanned = fullPath;
            if (fullPath.AsSpan().IndexOfAny('*', '?', '[') >= 0)
            {
                link = Path.Combine(Path.GetTempPath(), $"radiogenomics-read-{Guid.NewGuid():N}.parquet");
                File.CreateSymbolicLink(link, fullPath);
                scanned = link;
            }
            using var connection = new DuckDbConnection();
            var scan = $"read_parquet({DuckDbSql.QuoteString(scanned)})";
            if (names is not null)
            {
                var available = connection.Query($"SELECT * FROM {scan} LIMIT 0").ColumnNames;
                var missing = names.Where(n => !available.Contains(n, StringComparer.Ordinal)).ToList();
                if (missing.Count > 0)
                    throw new KeyNotFoundException(
                        $"Parquet file '{fullPath}' has no column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                        $"It has: {string.Join(", ", available.Take(20).Select(a => $"'{a}'"))}{(available.Count > 20 ? ", …" : "")}.");
            }
            var projection = names is null ? "*" : string.Join(", ", names.Select(DuckDbSql.QuoteIdentifier));
            return connection.Query($"SELECT {projection} FROM {scan}{(schemaOnly ? " LIMIT 0" : "")}");
        }
        finally
        {
            if (link is not null) File.Delete(link);
        }
    }
}
