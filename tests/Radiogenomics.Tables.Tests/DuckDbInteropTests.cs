using Xunit;

namespace Radiogenomics.Tables.Tests;

/// <summary>Files we write are ordinary Parquet to DuckDB's SQL, and files DuckDB writes read back as Tables.</summary>
public class DuckDbInteropTests
{
    [Fact]
    public void DuckDb_sql_reads_our_file_with_the_expected_values_and_types()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ours.parquet");
        ParquetFile.Write(SampleTables.AllTypes(), path);
        using var db = new DuckDbConnection();
        var scan = $"read_parquet({DuckDbSql.QuoteString(path)})";

        var types = db.Query($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {scan})");
        TableAssert.Strings(
            ["DOUBLE", "DOUBLE", "FLOAT", "FLOAT", "INTEGER", "INTEGER", "BIGINT", "BIGINT", "BOOLEAN", "BOOLEAN", "VARCHAR", "FLOAT[]"],
            types.GetStrings("column_type"));
        TableAssert.Strings(SampleTables.AllTypes().ColumnNames, types.GetStrings("column_name"));

        var summary = db.Query(
            $"SELECT count(*) AS n, count(\"nullable double\") AS non_null, sum(\"int32\"::BIGINT) AS total, " +
            $"string_agg(\"string\", '|' ORDER BY \"int64\") FILTER (WHERE length(\"string\") < 20) AS short_strings, " +
            $"sum(len(\"tensor\")) AS elements FROM {scan}");
        Assert.Equal([8L], summary.GetInt64s("n"));
        Assert.Equal([5L], summary.GetInt64s("non_null"));
        Assert.Equal([-1L + 1 + 42 + 7 + 8 + int.MinValue + int.MaxValue], summary.GetInt64s("total"));
        Assert.Equal([4096L + 3 + 2 + 1 + 1], summary.GetInt64s("elements"));
        // Ordered by int64: MinValue, -1, 0, 1, 7, 8, 2^40, MaxValue; the 1,000-char string and the null drop out.
        TableAssert.Strings(["|twelve bytes|thirteen byte|patient 001|it's \"quoted\"|ünïcødé ✓ 漢字 🧬"], summary.GetStrings("short_strings"));

        var third = db.Query($"SELECT \"tensor\"[1] AS first_pixel, \"string\" FROM {scan} WHERE \"int32\" = 0");
        TableAssert.Strings(["thirteen byte"], third.GetStrings("string"));
        Assert.Equal([null], third.GetNullableFloats("first_pixel"));
    }

    [Fact]
    public void Our_files_are_snappy_compressed_with_dictionary_encoded_strings()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ours.parquet");
        ParquetFile.Write(SampleTables.Mixed(5_000), path);
        using var db = new DuckDbConnection();
        var compression = db.Query(
            $"SELECT DISTINCT compression FROM parquet_metadata({DuckDbSql.QuoteString(path)})");
        TableAssert.Strings(["SNAPPY"], compression.GetStrings("compression"));

        // Repeated names (the usual stage-table string) are dictionary-encoded; Parquet.Net keeps unique ids plain.
        var categorical = dir.File("categorical.parquet");
        ParquetFile.Write(new Table().Add("gene_set", Enumerable.Range(0, 5_000).Select(i => $"SET_{i % 40}").ToArray()), categorical);
        var encodings = db.Query(
            $"SELECT encodings FROM parquet_metadata({DuckDbSql.QuoteString(categorical)}) WHERE path_in_schema = 'gene_set'");
        Assert.All(encodings.GetStrings("encodings"), e => Assert.Contains("DICTIONARY", e));
        var names = ParquetFile.Read(categorical).GetStrings("gene_set");
        Assert.Equal("SET_0", names[40]);
        Assert.Same(names[0], names[40]); // rows of one dictionary entry share a string
    }

    [Fact]
    public void A_file_written_by_duckdb_sql_reads_back_as_a_table()
    {
        using var dir = new TempDirectory();
        var path = dir.File("theirs.parquet");
        using (var db = new DuckDbConnection())
        {
            db.Execute(
                "COPY (SELECT i::INTEGER AS id, (i * 0.5)::DOUBLE AS half, (i % 3 = 0) AS third, " +
                "CASE WHEN i % 4 = 0 THEN NULL ELSE 'p' || i END AS label, i::BIGINT * 1000000000000 AS big, " +
                "[i::FLOAT, -i::FLOAT] AS pair, (i / 10)::FLOAT AS tenth " +
                $"FROM range(1000) t(i) ORDER BY i) TO {DuckDbSql.QuoteString(path)} (FORMAT parquet)");
        }

        var table = ParquetFile.Read(path);
        Assert.Equal(
            [new("id", ColumnType.Int32), new("half", ColumnType.Double), new("third", ColumnType.Bool),
             new("label", ColumnType.String), new("big", ColumnType.Int64), new("pair", ColumnType.FloatArray),
             new ColumnDefinition("tenth", ColumnType.Float)],
            table.Schema);
        Assert.Equal(1000, table.RowCount);
        Assert.Equal(Enumerable.Range(0, 1000), table.GetInt32s("id"));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => i * 0.5), table.GetDoubles("half"));
        TableAssert.Strings(Enumerable.Range(0, 1000).Select(i => i % 4 == 0 ? null : "p" + i), table.GetStrings("label"));
        Assert.Equal(250, table["label"].NullCount);
        Assert.Equal([7f, -7f], table.GetFloatArrays("pair")[7]!);
        Assert.Equal(999_000_000_000_000L, table.GetInt64s("big")[999]);
    }

    [Fact]
    public void Query_widens_other_sql_numeric_types()
    {
        using var db = new DuckDbConnection();
        var table = db.Query(
            "SELECT 1::TINYINT AS tiny, 2::SMALLINT AS small, 3::UTINYINT AS utiny, 4::USMALLINT AS usmall, " +
            "4000000000::UINTEGER AS uint, 5::UBIGINT AS ubig, sum(x) AS total, 1.25 AS dec, 12345.678::DECIMAL(18,3) AS dec18, " +
            "1.5::DECIMAL(38,10) AS dec38, [1, 2]::FLOAT[2] AS fixed_array " +
            "FROM (VALUES (1), (2)) t(x)");
        Assert.Equal([1], table.GetInt32s("tiny"));
        Assert.Equal([2], table.GetInt32s("small"));
        Assert.Equal([3], table.GetInt32s("utiny"));
        Assert.Equal([4], table.GetInt32s("usmall"));
        Assert.Equal([4_000_000_000L], table.GetInt64s("uint"));
        Assert.Equal([5L], table.GetInt64s("ubig"));
        Assert.Equal([3L], table.GetInt64s("total")); // SUM(INTEGER) is HUGEINT in DuckDB
        Assert.Equal([1.25], table.GetDoubles("dec"));
        Assert.Equal([12345.678], table.GetDoubles("dec18"));
        Assert.Equal([1.5], table.GetDoubles("dec38"));
        Assert.Equal([1f, 2f], table.GetFloatArrays("fixed_array")[0]!);
    }

    [Fact]
    public void Query_rejects_unsupported_types_naming_the_column()
    {
        using var db = new DuckDbConnection();
        var error = Assert.Throws<NotSupportedException>(() => db.Query("SELECT DATE '2024-01-01' AS scan_date"));
        Assert.Contains("'scan_date'", error.Message);
        Assert.Contains("DATE", error.Message);

        error = Assert.Throws<NotSupportedException>(() => db.Query("SELECT [1.0::DOUBLE] AS doubles"));
        Assert.Contains("LIST of DOUBLE", error.Message);
    }

    [Fact]
    public void Hugeint_values_that_do_not_fit_int64_fail_loudly()
    {
        using var db = new DuckDbConnection();
        var error = Assert.Throws<OverflowException>(() => db.Query("SELECT (9223372036854775807::HUGEINT + 1) AS huge"));
        Assert.Contains("'huge'", error.Message);
    }

    [Fact]
    public void CreateTable_makes_a_table_queryable_with_sql_in_insertion_order()
    {
        using var db = new DuckDbConnection();
        var table = SampleTables.Mixed(10_000);
        db.CreateTable("features", table);
        TableAssert.Equal(table, db.Query("SELECT * FROM features"));
        var counts = db.Query("SELECT count(*) AS n, count(patient) AS patients FROM features");
        Assert.Equal([10_000L], counts.GetInt64s("n"));
        Assert.Equal([10_000L - table["patient"].NullCount], counts.GetInt64s("patients"));
    }

    [Fact]
    public void Execute_runs_several_statements_and_a_file_database_persists()
    {
        using var dir = new TempDirectory();
        var dbPath = dir.File("state.duckdb");
        using (var db = new DuckDbConnection(dbPath))
        {
            db.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3);");
            Assert.Equal(dbPath, db.DatabasePath);
        }
        using (var db = new DuckDbConnection(dbPath))
            Assert.Equal([6L], db.Query("SELECT sum(x)::BIGINT AS s FROM t").GetInt64s("s"));
    }

    [Fact]
    public void Deterministic_settings_are_applied_on_open()
    {
        using var db = new DuckDbConnection();
        var settings = db.Query(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'preserve_insertion_order') ORDER BY name");
        TableAssert.Strings(["preserve_insertion_order", "threads"], settings.GetStrings("name"));
        TableAssert.Strings(["true", "1"], settings.GetStrings("value"));
    }

    [Fact]
    public void Library_version_is_reported()
    {
        Assert.Matches(@"^v1\.5\.\d+", DuckDbLibrary.Version);
        Assert.Equal("Parquet.Net 6.1.0", ParquetFile.WriterVersion); // the package version, as in the files' created_by
    }
}
