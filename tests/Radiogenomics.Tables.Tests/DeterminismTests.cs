using System.Diagnostics;
using System.Security.Cryptography;
using Xunit;

namespace Radiogenomics.Tables.Tests;

/// <summary>The engine content-addresses Parquet files, so identical tables must give identical bytes.</summary>
public class DeterminismTests
{
    private const string ChildOutputVariable = "RG_TABLES_TEST_CHILD_OUTPUT";

    [Fact]
    public void Writing_the_same_table_twice_gives_identical_bytes()
    {
        using var dir = new TempDirectory();
        foreach (var (name, table) in new[] { ("all", SampleTables.AllTypes()), ("mixed", SampleTables.Mixed(300_000)) })
        {
            ParquetFile.Write(table, dir.File($"{name}-1.parquet"));
            ParquetFile.Write(table, dir.File($"{name}-2.parquet"));
            Assert.Equal(Hash(dir.File($"{name}-1.parquet")), Hash(dir.File($"{name}-2.parquet")));
        }
    }

    [Fact]
    public void An_equal_table_built_separately_gives_identical_bytes_and_a_different_table_does_not()
    {
        using var dir = new TempDirectory();
        ParquetFile.Write(SampleTables.Mixed(10_000, seed: 5), dir.File("a.parquet"));
        ParquetFile.Write(SampleTables.Mixed(10_000, seed: 5), dir.File("b.parquet"));
        ParquetFile.Write(SampleTables.Mixed(10_000, seed: 6), dir.File("c.parquet"));
        Assert.Equal(Hash(dir.File("a.parquet")), Hash(dir.File("b.parquet")));
        Assert.NotEqual(Hash(dir.File("a.parquet")), Hash(dir.File("c.parquet")));
    }

    [Fact]
    public void Many_batches_give_the_same_bytes_as_one_write()
    {
        using var dir = new TempDirectory();
        // More than one 122,880-row row group, since DuckDB cuts row groups at chunk boundaries.
        var table = SampleTables.Mixed(300_000);
        ParquetFile.Write(table, dir.File("one-shot.parquet"));

        // Odd batch sizes so batches straddle DuckDB's 2,048-row vectors.
        using (var writer = new ParquetWriter(dir.File("batched.parquet"), table.Schema))
        {
            var sizes = new[] { 1, 999, 2048, 4097, 7, 30_011 };
            for (int start = 0, i = 0; start < table.RowCount; i++)
            {
                var count = Math.Min(sizes[i % sizes.Length], table.RowCount - start);
                writer.Append(SampleTables.Slice(table, start, count));
                start += count;
            }
            Assert.Equal(table.RowCount, writer.RowCount);
            writer.Complete();
        }

        Assert.Equal(Hash(dir.File("one-shot.parquet")), Hash(dir.File("batched.parquet")));
        TableAssert.Equal(table, ParquetFile.Read(dir.File("batched.parquet")));
    }

    [Fact]
    public void Tensor_batches_give_the_same_bytes_as_one_write()
    {
        using var dir = new TempDirectory();
        var table = SampleTables.Tensors(200);
        ParquetFile.Write(table, dir.File("one-shot.parquet"));
        using (var writer = new ParquetWriter(dir.File("batched.parquet"), table.Schema))
        {
            for (var start = 0; start < table.RowCount; start += 64)
                writer.Append(SampleTables.Slice(table, start, Math.Min(64, table.RowCount - start)));
            writer.Complete();
        }
        Assert.Equal(Hash(dir.File("one-shot.parquet")), Hash(dir.File("batched.parquet")));
    }

    [Fact]
    public async Task Another_process_writes_identical_bytes()
    {
        using var dir = new TempDirectory();
        var here = dir.File("parent.parquet");
        var there = dir.File("child.parquet");
        WriteCanonicalTable(here);

        var start = ChildProcess($"-method {typeof(DeterminismTests).FullName}.{nameof(Child_process_writer)} -explicit only -noLogo -noColor");
        start.Environment[ChildOutputVariable] = there;
        using var child = Process.Start(start)!;
        var cancel = TestContext.Current.CancellationToken;
        var output = child.StandardOutput.ReadToEndAsync(cancel);
        var errors = child.StandardError.ReadToEndAsync(cancel);
        await child.WaitForExitAsync(cancel);
        Assert.True(child.ExitCode == 0, $"child failed ({child.ExitCode}):\n{await output}\n{await errors}");
        Assert.True(File.Exists(there), $"child wrote nothing:\n{await output}");
        Assert.Equal(Hash(here), Hash(there));
    }

    /// <summary>Run only by <see cref="Another_process_writes_identical_bytes"/> in a child process.</summary>
    [Fact(Explicit = true)]
    public void Child_process_writer()
    {
        var path = Environment.GetEnvironmentVariable(ChildOutputVariable);
        Assert.False(string.IsNullOrEmpty(path), $"{ChildOutputVariable} is not set");
        WriteCanonicalTable(path!);
    }

    private static void WriteCanonicalTable(string path) => ParquetFile.Write(SampleTables.Mixed(20_000, seed: 9), path);

    /// <summary>Re-runs this test executable, whether it was started as an apphost or through `dotnet`.</summary>
    private static ProcessStartInfo ChildProcess(string arguments)
    {
        var assembly = typeof(DeterminismTests).Assembly.Location;
        var host = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return new ProcessStartInfo(host, viaDotnet ? $"exec \"{assembly}\" {arguments}" : arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
    }

    internal static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
