using Xunit;

namespace Radiogenomics.Tables.Tests;

public class ErrorTests
{
    [Fact]
    public void Reading_a_missing_file_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("does-not-exist.parquet");
        var error = Assert.Throws<FileNotFoundException>(() => ParquetFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Equal(path, error.FileName);
        Assert.Throws<FileNotFoundException>(() => ParquetFile.ReadSchema(path));
        Assert.Throws<FileNotFoundException>(() => ParquetFile.Read(path, ["x"]));
    }

    [Fact]
    public void Reading_a_file_that_is_not_parquet_reports_duckdbs_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("not.parquet");
        File.WriteAllText(path, "patient,volume\nA,1\n");
        var error = Assert.Throws<DuckDbException>(() => ParquetFile.Read(path));
        Assert.Contains("not.parquet", error.Message);
    }

    [Fact]
    public void Bad_sql_raises_DuckDbException_with_duckdbs_message_and_the_sql()
    {
        using var db = new DuckDbConnection();
        const string sql = "SELEC 1";
        var error = Assert.Throws<DuckDbException>(() => db.Query(sql));
        Assert.Contains("syntax error", error.DuckDbMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(sql, error.Sql);
        Assert.Contains(sql, error.Message);

        var missing = Assert.Throws<DuckDbException>(() => db.Execute("SELECT * FROM no_such_table"));
        Assert.Contains("no_such_table", missing.DuckDbMessage);
    }

    [Fact]
    public void A_failed_statement_leaves_the_connection_usable()
    {
        using var db = new DuckDbConnection();
        Assert.Throws<DuckDbException>(() => db.Execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES ('not a number')"));
        Assert.Equal([1], db.Query("SELECT 1 AS one").GetInt32s("one"));
    }

    [Fact]
    public void Using_a_disposed_connection_throws_ObjectDisposedException()
    {
        var db = new DuckDbConnection();
        db.Dispose();
        db.Dispose();
        Assert.Throws<ObjectDisposedException>(() => db.Query("SELECT 1"));
    }

    [Fact]
    public void Huge_sql_is_shortened_in_the_message_but_kept_whole()
    {
        using var db = new DuckDbConnection();
        var sql = "SELECT " + string.Join(", ", Enumerable.Range(0, 2_000).Select(i => $"{i} AS c{i}")) + " FROM nowhere";
        var error = Assert.Throws<DuckDbException>(() => db.Query(sql));
        Assert.Equal(sql, error.Sql);
        Assert.True(error.Message.Length < 4_000 + error.DuckDbMessage.Length);
    }
}
