using System.Diagnostics;
using Xunit;

namespace Radiogenomics.Tables.Tests;

/// <summary>Wide (radiomics features) and long (per-voxel or per-patch) tables must stay fast.</summary>
public class ScaleTests
{
    [Fact]
    public void Wide_table_of_5000_columns_writes_and_reads_in_seconds()
    {
        using var dir = new TempDirectory();
        const int columns = 5_000, rows = 500;
        var random = new Random(4);
        var table = new Table();
        for (var c = 0; c < columns; c++)
        {
            var values = new double[rows];
            for (var r = 0; r < rows; r++) values[r] = random.NextDouble();
            table.Add($"original_firstorder_feature_{c}", values);
        }

        var clock = Stopwatch.StartNew();
        ParquetFile.Write(table, dir.File("wide.parquet"));
        var write = clock.Elapsed;
        clock.Restart();
        var read = ParquetFile.Read(dir.File("wide.parquet"));
        var readTime = clock.Elapsed;
        Report($"wide {columns}x{rows}: write {write.TotalSeconds:F2} s, read {readTime.TotalSeconds:F2} s");

        Assert.Equal(columns, read.ColumnCount);
        Assert.Equal(rows, read.RowCount);
        Assert.Equal(table.GetDoubles("original_firstorder_feature_0"), read.GetDoubles("original_firstorder_feature_0"));
        Assert.Equal(table.GetDoubles("original_firstorder_feature_4999"), read.GetDoubles("original_firstorder_feature_4999"));
        Assert.True(write + readTime < TimeSpan.FromSeconds(30), $"too slow: {write} + {readTime}");
    }

    [Fact]
    public void Long_table_of_3_million_rows_streams_through_the_writer()
    {
        using var dir = new TempDirectory();
        const int rows = 3_000_000, batch = 250_000;
        var path = dir.File("long.parquet");

        var clock = Stopwatch.StartNew();
        using (var writer = new ParquetWriter(path, SampleTables.Mixed(0).Schema))
        {
            // Each batch is generated, appended and dropped, so managed memory stays at one batch.
            for (var start = 0; start < rows; start += batch)
                writer.Append(Offset(SampleTables.Mixed(batch, seed: start), start));
            writer.Complete();
        }
        var write = clock.Elapsed;
        clock.Restart();
        var read = ParquetFile.Read(path);
        var readTime = clock.Elapsed;
        Report($"long {rows} rows x 6 columns: write {write.TotalSeconds:F2} s, read {readTime.TotalSeconds:F2} s, " +
               $"{new FileInfo(path).Length / 1e6:F1} MB");

        Assert.Equal(rows, read.RowCount);
        var ids = read.GetInt64s("id");
        for (var i = 0; i < rows; i++)
            if (ids[i] != i) Assert.Fail($"row {i} holds id {ids[i]}: order not preserved");
        TableAssert.Strings(SampleTables.Mixed(batch, seed: 0).GetStrings("patient"), read.GetStrings("patient").Take(batch));
        Assert.True(write < TimeSpan.FromSeconds(60), $"write too slow: {write}");

        using var db = new DuckDbConnection();
        var groups = db.Query(
            $"SELECT row_group_num_rows AS n FROM parquet_metadata({DuckDbSql.QuoteString(path)}) WHERE path_in_schema = 'id'");
        Assert.All(groups.GetInt64s("n").SkipLast(1), n => Assert.Equal(122_880L, n));
    }

    [Fact]
    public void Tensor_rows_get_smaller_row_groups()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tensors.parquet");
        var clock = Stopwatch.StartNew();
        using (var writer = new ParquetWriter(path, SampleTables.Tensors(0).Schema))
        {
            for (var i = 0; i < 10; i++) writer.Append(SampleTables.Tensors(1_000, seed: i));
            writer.Complete();
        }
        Report($"tensors 10,000 x 64x64: write {clock.Elapsed.TotalSeconds:F2} s");

        using var db = new DuckDbConnection();
        var groups = db.Query(
            $"SELECT row_group_num_rows AS n FROM parquet_metadata({DuckDbSql.QuoteString(path)}) WHERE path_in_schema = 'patch_id'");
        // 4 + 16 + 16,384 = 16,404 bytes per row: a group ends at the 8,183rd row, the first to reach 128 MiB.
        Assert.Equal(8_183L, (ParquetWriter.TargetRowGroupBytes + 16_403) / 16_404);
        Assert.Equal([8_183L, 1_817L], groups.GetInt64s("n"));
        Assert.Equal(10_000, ParquetFile.Read(path, ["patch_id"]).RowCount);
    }

    private static Table Offset(Table batch, long offset)
    {
        var ids = batch.GetInt64s("id");
        for (var i = 0; i < ids.Length; i++) ids[i] += offset;
        var shifted = new Table().Add("id", ids);
        foreach (var column in batch.Columns.Skip(1)) shifted.Add(column);
        return shifted;
    }

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
