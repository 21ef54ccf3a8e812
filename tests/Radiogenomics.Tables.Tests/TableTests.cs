using Xunit;

namespace Radiogenomics.Tables.Tests;

public class TableTests
{
    [Fact]
    public void Typed_columns_are_stored_in_order_with_their_types()
    {
        var table = new Table()
            .Add("x", [1.0, 2.0])
            .Add("y", new double?[] { null, 4.0 })
            .Add("patient", new string?[] { "a", null })
            .Add("pixels", new float[]?[] { [1f, 2f], null });

        Assert.Equal(2, table.RowCount);
        Assert.Equal(["x", "y", "patient", "pixels"], table.ColumnNames);
        Assert.Equal(
            [new("x", ColumnType.Double), new("y", ColumnType.Double), new("patient", ColumnType.String), new ColumnDefinition("pixels", ColumnType.FloatArray)],
            table.Schema);
        Assert.Equal([1.0, 2.0], table.GetDoubles("x"));
        Assert.Equal([null, 4.0], table.GetNullableDoubles("y"));
        TableAssert.Strings(["a", null], table.GetStrings("patient"));
        Assert.Equal([1f, 2f], table.GetFloatArrays("pixels")[0]!);
        Assert.Null(table.GetFloatArrays("pixels")[1]);
        Assert.True(table["y"].IsNull(0));
        Assert.False(table["y"].IsNull(1));
        Assert.Equal(1, table["pixels"].NullCount);
    }

    [Fact]
    public void Nullable_getters_work_on_columns_without_nulls()
    {
        var table = new Table().Add("n", [1, 2, 3]);
        Assert.Equal([1, 2, 3], table.GetNullableInt32s("n"));
        Assert.False(table["n"].HasNulls);
    }

    [Fact]
    public void Data_is_copied_in_and_out()
    {
        var source = new[] { 1.0, 2.0 };
        var table = new Table().Add("x", source);
        source[0] = 99;
        table.GetDoubles("x")[1] = 99;
        Assert.Equal([1.0, 2.0], table.GetDoubles("x"));

        var pixels = new float[]?[] { [1f] };
        table = new Table().Add("p", pixels);
        pixels[0]![0] = 5f;
        Assert.Equal(1f, table.GetFloatArrays("p")[0]![0]);
    }

    [Fact]
    public void Mismatched_lengths_name_the_column_and_both_counts()
    {
        var table = new Table().Add("x", [1.0, 2.0, 3.0]);
        var error = Assert.Throws<ArgumentException>(() => table.Add("y", [1, 2]));
        Assert.Contains("'y'", error.Message);
        Assert.Contains("2 rows", error.Message);
        Assert.Contains("3 rows", error.Message);
    }

    [Fact]
    public void Missing_column_names_it_and_lists_the_columns()
    {
        var table = new Table().Add("alpha", [1.0]).Add("beta", [2.0]);
        var error = Assert.Throws<KeyNotFoundException>(() => table.GetDoubles("gamma"));
        Assert.Contains("'gamma'", error.Message);
        Assert.Contains("'alpha'", error.Message);
        Assert.Contains("'beta'", error.Message);
    }

    [Fact]
    public void Wrong_type_names_the_column_the_actual_and_the_expected_type()
    {
        var table = new Table().Add("age", [61, 72]);
        var error = Assert.Throws<InvalidOperationException>(() => table.GetDoubles("age"));
        Assert.Contains("'age'", error.Message);
        Assert.Contains("Int32", error.Message);
        Assert.Contains("Double", error.Message);
    }

    [Fact]
    public void Non_nullable_getter_refuses_a_column_with_nulls()
    {
        var table = new Table().Add("x", new double?[] { 1, null });
        var error = Assert.Throws<InvalidOperationException>(() => table.GetDoubles("x"));
        Assert.Contains("'x'", error.Message);
        Assert.Contains("1 null", error.Message);
    }

    [Fact]
    public void Duplicate_and_case_colliding_names_are_rejected()
    {
        var table = new Table().Add("Volume", [1.0]);
        Assert.Contains("already", Assert.Throws<ArgumentException>(() => table.Add("Volume", [2.0])).Message);
        Assert.Contains("only by case", Assert.Throws<ArgumentException>(() => table.Add("volume", [2.0])).Message);
        // DuckDB folds ASCII only, so non-ASCII case variants are distinct names.
        table.Add("É", [1.0]).Add("é", [2.0]);
        Assert.Equal(3, table.ColumnCount);
    }

    [Fact]
    public void Empty_and_bad_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Table().Add("", [1.0]));
        Assert.Throws<ArgumentException>(() => new Table().Add("a\0b", [1.0]));
    }

    [Fact]
    public void Empty_table_keeps_its_schema()
    {
        var schema = new ColumnDefinition[] { new("a", ColumnType.Int64), new("b", ColumnType.FloatArray) };
        var table = Table.Empty(schema);
        Assert.Equal(0, table.RowCount);
        Assert.Equal(schema, table.Schema);
        Assert.Empty(table.GetInt64s("a"));
    }

    [Fact]
    public void Select_reorders_and_shares_columns()
    {
        var table = new Table().Add("a", [1]).Add("b", [2]).Add("c", [3]);
        var selected = table.Select("c", "a");
        Assert.Equal(["c", "a"], selected.ColumnNames);
        Assert.Same(table["a"], selected["a"]);
    }

    [Fact]
    public void Null_columns_and_renames()
    {
        var nulls = Column.CreateNulls("n", ColumnType.String, 3);
        Assert.Equal(3, nulls.NullCount);
        var renamed = Column.Create("x", [1L, 2L]).WithName("y");
        Assert.Equal("y", renamed.Name);
        Assert.Equal([1L, 2L], new Table().Add(renamed).GetInt64s("y"));
    }
}
