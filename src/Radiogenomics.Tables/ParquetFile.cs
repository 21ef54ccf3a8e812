namespace Radiogenomics.Tables;

/// <summary>Reads and writes whole <see cref="Table"/>s as zstd-compressed Parquet files via DuckDB.</summary>
public static class ParquetFile
{
    /// <summary>
    /// Writes <paramref name="table"/> to <paramref name="path"/> atomically (temp file + rename), creating
    /// the directory if needed. The same table always gives the same bytes with the same DuckDB version.
    /// </summary>
    public static void Write(Table table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var writer = new ParquetWriter(path, table.Schema);
        writer.Append(table);
        writer.Complete();
    }

    /// <summary>Reads every column and row, in file order.</summary>
    public static Table Read(string path) =>
        WithScan(path, (connection, scan, _) => connection.Query($"SELECT * FROM {scan}"));

    /// <summary>Reads only the named columns, in the order given.</summary>
    public static Table Read(string path, IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = columns.ToList();
        if (names.Count == 0) throw new ArgumentException("Name at least one column to read.", nameof(columns));
        return WithScan(path, (connection, scan, fullPath) =>
        {
            var available = connection.Query($"SELECT * FROM {scan} LIMIT 0").ColumnNames;
            var missing = names.Where(n => !available.Contains(n, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
                throw new KeyNotFoundException(
                    $"Parquet file '{fullPath}' has no column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}. " +
                    $"It has: {string.Join(", ", available.Take(20).Select(a => $"'{a}'"))}{(available.Count > 20 ? ", …" : "")}.");
            var projection = string.Join(", ", names.Select(DuckDbSql.QuoteIdentifier));
            return connection.Query($"SELECT {projection} FROM {scan}");
        });
    }

    /// <summary>Column names and types of a Parquet file, as <see cref="Read(string)"/> would return them.</summary>
    public static IReadOnlyList<ColumnDefinition> ReadSchema(string path) =>
        WithScan(path, (connection, scan, _) => connection.Query($"SELECT * FROM {scan} LIMIT 0").Schema);

    /// <summary>
    /// Runs <paramref name="read"/> with a fresh connection and the SQL that scans the file at <paramref name="path"/>.
    /// read_parquet expands '*', '?' and '[' as a glob, so a path containing them could silently read other
    /// files too; such a path is read through a temporary symbolic link with a plain name instead.
    /// </summary>
    private static T WithScan<T>(string path, Func<DuckDbConnection, string, string, T> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath)) throw new FileNotFoundException($"Parquet file not found: '{fullPath}'.", fullPath);

        string? link = null;
        try
        {
            var scanned = fullPath;
            if (HasGlobCharacters(fullPath))
            {
                link = Path.Combine(Path.GetTempPath(), $"radiogenomics-read-{Guid.NewGuid():N}.parquet");
                if (HasGlobCharacters(link))
                    throw new NotSupportedException(
                        $"Cannot read '{fullPath}': DuckDB would treat '*', '?' or '[' in the path as a glob pattern.");
                File.CreateSymbolicLink(link, fullPath);
                scanned = link;
            }
            using var connection = new DuckDbConnection();
            return read(connection, $"read_parquet({DuckDbSql.QuoteString(scanned)})", fullPath);
        }
        finally
        {
            if (link is not null) File.Delete(link);
        }
    }

    private static bool HasGlobCharacters(string path) => path.AsSpan().IndexOfAny('*', '?', '[') >= 0;
}
