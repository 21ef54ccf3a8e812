using Xunit;

namespace Radiogenomics.Tables.Tests;

public class ParquetWriterTests
{
    private static readonly ColumnDefinition[] Schema = [new("id", ColumnType.Int64), new("label", ColumnType.String)];

    private static Table Batch(params long[] ids) =>
        new Table().Add("id", ids).Add("label", ids.Select(i => (string?)$"row {i}").ToArray());

    [Fact]
    public void Nothing_is_visible_until_complete_and_complete_publishes_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.parquet");
        using var writer = new ParquetWriter(path, Schema);
        writer.Append(Batch(1, 2));
        writer.Append(Batch(3));
        Assert.False(File.Exists(path));
        writer.Complete();
        Assert.Equal([1L, 2L, 3L], ParquetFile.Read(path).GetInt64s("id"));
        Assert.Equal(path, writer.Path);
        writer.Dispose();
        Assert.Equal(["out.parquet"], dir.Entries());
    }

    [Fact]
    public void Dispose_without_complete_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        using (var writer = new ParquetWriter(dir.File("out.parquet"), Schema))
            writer.Append(Batch(1, 2, 3));
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void Dispose_without_complete_keeps_an_existing_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.parquet");
        ParquetFile.Write(Batch(7), path);
        using (var writer = new ParquetWriter(path, Schema))
            writer.Append(Batch(1, 2, 3));
        Assert.Equal([7L], ParquetFile.Read(path).GetInt64s("id"));
    }

    [Fact]
    public void Batches_must_match_the_schema()
    {
        using var dir = new TempDirectory();
        using var writer = new ParquetWriter(dir.File("out.parquet"), Schema);

        var wrongType = new Table().Add("id", [1]).Add("label", new string?[] { "a" });
        var error = Assert.Throws<ArgumentException>(() => writer.Append(wrongType));
        Assert.Contains("'id'", error.Message);
        Assert.Contains("Int32", error.Message);
        Assert.Contains("Int64", error.Message);

        var wrongName = new Table().Add("id", [1L]).Add("name", new string?[] { "a" });
        Assert.Contains("'label'", Assert.Throws<ArgumentException>(() => writer.Append(wrongName)).Message);

        Assert.Throws<ArgumentException>(() => writer.Append(new Table().Add("id", [1L])));
    }

    [Fact]
    public void Appending_after_complete_is_an_error()
    {
        using var dir = new TempDirectory();
        using var writer = new ParquetWriter(dir.File("out.parquet"), Schema);
        writer.Complete();
        Assert.Throws<InvalidOperationException>(() => writer.Append(Batch(1)));
        Assert.Throws<InvalidOperationException>(writer.Complete);
        Assert.Equal(0, ParquetFile.Read(dir.File("out.parquet")).RowCount);
    }

    [Fact]
    public void Empty_batches_are_allowed()
    {
        using var dir = new TempDirectory();
        using var writer = new ParquetWriter(dir.File("out.parquet"), Schema);
        writer.Append(Table.Empty(Schema));
        writer.Append(Batch(5));
        writer.Append(Table.Empty(Schema));
        writer.Complete();
        Assert.Equal([5L], ParquetFile.Read(dir.File("out.parquet")).GetInt64s("id"));
    }

    [Fact]
    public void Schemas_are_validated_up_front()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => new ParquetWriter(dir.File("a.parquet"), []));
        Assert.Throws<ArgumentException>(() =>
            new ParquetWriter(dir.File("a.parquet"), [new("x", ColumnType.Int32), new("X", ColumnType.Int32)]));
        Assert.Empty(dir.Entries());
    }
}
