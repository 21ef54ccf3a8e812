using System.Diagnostics;
using Radiogenomics.Tables;

namespace Radiogenomics.Bench;

/// <summary>
/// Writes and reads the default run's two big stage tables through the three paths issue #20 compares, in one
/// process, warm (one untimed round first), median of <c>repeats</c>: Parquet.Net (<see cref="ParquetFile"/>,
/// what stages use), DuckDB.NET (its appender into a table, <c>COPY … TO parquet</c>; its data reader over
/// <c>read_parquet</c>) and the chunk path the project used before (<see cref="ChunkPathBaseline"/>).
/// </summary>
public static class TableIoBenchmark
{
    private delegate void Writer(Table table, string path);
    private delegate Table Reader(string path);

    public static int Run(int images, int features, int genomic, int repeats, string directory)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        Console.WriteLine($"table I/O benchmark: {Environment.ProcessorCount} cores, {repeats} timed rounds after a warm-up, medians; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        using var baseline = new ChunkPathBaseline();
        var paths = new (string Name, Writer Write, Reader Read)[]
        {
            ("Parquet.Net (ParquetFile)", ParquetFile.Write, ParquetFile.Read),
            ("DuckDB.NET (appender + COPY; data reader)", WriteThroughDuckDbNet, ReadThroughDuckDbNet),
            ("before: our chunk appender + COPY; chunk reader", baseline.Write, baseline.Read),
        };
        var tables = new (string Name, Table Table)[]
        {
            ($"(a) features {images:N0} × {features + 2:N0} columns", FeatureTable(images, features)),
            ($"(b) associations {features * genomic:N0} rows × 15", AssociationTable(features, genomic)),
        };

        Console.WriteLine();
        Console.WriteLine("| table | path | write s | read s | write ratio | read ratio | file MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var failures = 0;
        foreach (var (tableName, table) in tables)
        {
            var results = new List<(string Path, double Write, double Read, double Megabytes)>();
            foreach (var (pathName, write, read) in paths)
            {
                var file = Path.Combine(directory, $"{results.Count}.parquet");
                Table? back = null;
                var writes = new List<double>();
                var reads = new List<double>();
                for (var round = 0; round <= repeats; round++)
                {
                    File.Delete(file);
                    back = null;
                    GC.Collect();
                    var clock = Stopwatch.StartNew();
                    write(table, file);
                    var written = clock.Elapsed.TotalSeconds;
                    GC.Collect();
                    clock.Restart();
                    back = read(file);
                    var readSeconds = clock.Elapsed.TotalSeconds;
                    if (round == 0) continue; // warm-up: JIT, first-call set-up, page cache
                    writes.Add(written);
                    reads.Add(readSeconds);
                }
                if (!SameContent(table, back!)) { Console.Error.WriteLine($"{pathName} did not read back {tableName} exactly"); failures++; }
                results.Add((pathName, Median(writes), Median(reads), new FileInfo(file).Length / 1e6));
            }
            double bestWrite = results.Min(r => r.Write), bestRead = results.Min(r => r.Read);
            foreach (var r in results)
                Console.WriteLine($"| {tableName} | {r.Path} | {r.Write:0.000} | {r.Read:0.000} | {r.Write / bestWrite:0.00}× | {r.Read / bestRead:0.00}× | {r.Megabytes:0.0} |");
            var chosen = results[0];
            var verdict = chosen.Write <= 1.1 * bestWrite && chosen.Read <= 1.1 * bestRead ? "fastest or within 10 %" : "NOT within 10 % of the fastest";
            Console.WriteLine($"|   | chosen for stage tables: {chosen.Path}: {verdict} | | | | | |");
        }
        Directory.Delete(directory, recursive: true);
        return failures == 0 ? 0 : 1;
    }

    private static void WriteThroughDuckDbNet(Table table, string path)
    {
        using var db = new DuckDbConnection();
        db.CreateTable("staged", table);
        db.Execute($"COPY staged TO {DuckDbSql.QuoteString(path)} (FORMAT parquet, COMPRESSION zstd)");
    }

    private static Table ReadThroughDuckDbNet(string path)
    {
        using var db = new DuckDbConnection();
        return db.Query($"SELECT * FROM read_parquet({DuckDbSql.QuoteString(path)})");
    }

    /// <summary>extract.dae's features: image and patient ids, then fea_0001… floats (normal, as features after normalisation).</summary>
    private static Table FeatureTable(int images, int features)
    {
        var random = new Random(20);
        var table = new Table()
            .Add("image_id", Enumerable.Range(0, images).Select(i => $"SYN-{i / 47:000}_slice_{i % 47:00}").ToArray())
            .Add("patient_id", Enumerable.Range(0, images).Select(i => $"SYN-{i / 47:000}").ToArray());
        for (var f = 1; f <= features; f++)
        {
            var values = new float[images];
            for (var i = 0; i < images; i++) values[i] = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
            table.Add($"fea_{f:0000}", values);
        }
        return table;
    }

    /// <summary>associate.lme's long table (<c>AssociationScan.Schema</c>): one row per feature × genomic pair.</summary>
    private static Table AssociationTable(int features, int genomic)
    {
        var rows = features * genomic;
        var random = new Random(21);
        double[] Doubles() => Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray();
        return new Table()
            .Add("feature", Enumerable.Range(0, rows).Select(r => $"fea_{r / genomic + 1:0000}").ToArray())
            .Add("kernel", Enumerable.Range(0, rows).Select(r => r / genomic / 16 + 1).ToArray())
            .Add("genomic_feature", Enumerable.Range(0, rows).Select(r => $"GENESET_{r % genomic:000}").ToArray())
            .Add("family", Enumerable.Range(0, rows).Select(r => r % genomic < 176 ? "pathway" : "genefu").ToArray())
            .Add("beta", Doubles()).Add("se", Doubles()).Add("df", Enumerable.Repeat(108.0, rows).ToArray()).Add("t", Doubles())
            .Add("p", Doubles()).Add("q", Doubles()).Add("sigma2", Doubles()).Add("sigma2_patient", Doubles())
            .Add("patients", Enumerable.Repeat(110, rows).ToArray())
            .Add("images", Enumerable.Repeat(5_162L, rows).ToArray())
            .Add("status", Enumerable.Range(0, rows).Select(r => r % 997 == 0 ? "boundary" : "ok").ToArray());
    }

    /// <summary>Same names, types and values, column by column (spot-checked on every column's first, middle and last row, and in full on three columns).</summary>
    private static bool SameContent(Table expected, Table actual)
    {
        if (!expected.Schema.SequenceEqual(actual.Schema) || expected.RowCount != actual.RowCount) return false;
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            var full = c < 2 || c == expected.ColumnCount - 1;
            var e = expected.Columns[c].Values;
            var a = actual.Columns[c].Values;
            foreach (var r in full ? Enumerable.Range(0, expected.RowCount) : [0, expected.RowCount / 2, expected.RowCount - 1])
                if (!Equals(e.GetValue(r), a.GetValue(r))) return false;
        }
        return true;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
