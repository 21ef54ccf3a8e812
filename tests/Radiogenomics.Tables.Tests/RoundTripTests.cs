using Xunit;

namespace Radiogenomics.Tables.Tests;

public class RoundTripTests
{
    [Fact]
    public void Every_type_with_nulls_round_trips_exactly()
    {
        using var dir = new TempDirectory();
        var table = SampleTables.AllTypes();
        ParquetFile.Write(table, dir.File("all.parquet"));
        TableAssert.Equal(table, ParquetFile.Read(dir.File("all.parquet")));
    }

    [Fact]
    public void Awkward_column_names_round_trip()
    {
        using var dir = new TempDirectory();
        var table = new Table()
            .Add("with space", [1.0])
            .Add("double\"quote", [2.0])
            .Add("single'quote", [3.0])
            .Add("ünïcødé 体积 🧬", [4.0])
            .Add("select", [5.0])
            .Add("original_shape_Elongation", [6.0]);
        ParquetFile.Write(table, dir.File("names.parquet"));
        var read = ParquetFile.Read(dir.File("names.parquet"));
        TableAssert.Equal(table, read);
        Assert.Equal([2.0], ParquetFile.Read(dir.File("names.parquet"), ["double\"quote"]).GetDoubles("double\"quote"));
    }

    [Fact]
    public void Empty_table_round_trips_with_its_schema()
    {
        using var dir = new TempDirectory();
        var table = Table.Empty(SampleTables.AllTypes().Schema);
        ParquetFile.Write(table, dir.File("empty.parquet"));
        var read = ParquetFile.Read(dir.File("empty.parquet"));
        Assert.Equal(0, read.RowCount);
        Assert.Equal(table.Schema, read.Schema);
        Assert.Equal(table.Schema, ParquetFile.ReadSchema(dir.File("empty.parquet")));
    }

    [Fact]
    public void Read_projects_the_requested_columns_in_the_requested_order()
    {
        using var dir = new TempDirectory();
        var table = SampleTables.AllTypes();
        ParquetFile.Write(table, dir.File("all.parquet"));
        var read = ParquetFile.Read(dir.File("all.parquet"), ["tensor", "int32"]);
        TableAssert.Equal(table.Select("tensor", "int32"), read);
    }

    [Fact]
    public void Reading_a_missing_column_names_it()
    {
        using var dir = new TempDirectory();
        ParquetFile.Write(new Table().Add("a", [1]), dir.File("t.parquet"));
        var error = Assert.Throws<KeyNotFoundException>(() => ParquetFile.Read(dir.File("t.parquet"), ["a", "nope"]));
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("t.parquet", error.Message);
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        ParquetFile.Write(new Table().Add("a", [1]), dir.File("t.parquet"));
        ParquetFile.Write(new Table().Add("b", ["two"]), dir.File("t.parquet"));
        TableAssert.Strings(["two"], ParquetFile.Read(dir.File("t.parquet")).GetStrings("b"));
        Assert.Equal(["t.parquet"], dir.Entries());
    }

    [Theory]
    [InlineData("star*.parquet")]
    [InlineData("question?.parquet")]
    [InlineData("bracket[1].parquet")]
    [InlineData("it's ünïcødé.parquet")]
    public void Paths_with_glob_or_quote_characters_read_exactly_that_file(string name)
    {
        using var dir = new TempDirectory();
        // Neighbours a glob would match: read_parquet must not pick them up.
        foreach (var neighbour in new[] { "starX.parquet", "question1.parquet", "bracket1.parquet" })
            ParquetFile.Write(new Table().Add("a", [0]), dir.File(neighbour));
        ParquetFile.Write(new Table().Add("a", [1, 2]), dir.File(name));
        Assert.Equal([1, 2], ParquetFile.Read(dir.File(name)).GetInt32s("a"));
        Assert.Equal([1, 2], ParquetFile.Read(dir.File(name), ["a"]).GetInt32s("a"));
    }

    [Fact]
    public void Write_creates_missing_directories()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cas", "ab", "table.parquet");
        ParquetFile.Write(new Table().Add("a", [1L]), path);
        Assert.Equal([1L], ParquetFile.Read(path).GetInt64s("a"));
    }

    [Fact]
    public void Strings_of_every_length_and_repetition_round_trip()
    {
        using var dir = new TempDirectory();
        // Repeated short values exercise the reader's inline-string cache; lengths 0..40 cross the inline limit.
        var values = Enumerable.Range(0, 10_000)
            .Select(i => i % 97 == 0 ? null : new string((char)('a' + i % 26), i % 41))
            .ToArray();
        var table = new Table().Add("s", values);
        ParquetFile.Write(table, dir.File("s.parquet"));
        TableAssert.Equal(table, ParquetFile.Read(dir.File("s.parquet")));
    }

    [Fact]
    public void Float_array_tensors_round_trip()
    {
        using var dir = new TempDirectory();
        var table = SampleTables.Tensors(300);
        ParquetFile.Write(table, dir.File("tensors.parquet"));
        var read = ParquetFile.Read(dir.File("tensors.parquet"));
        TableAssert.Equal(table, read);
        Assert.All(read.GetFloatArrays("pixels"), p => Assert.Equal(4096, p!.Length));
    }
}
