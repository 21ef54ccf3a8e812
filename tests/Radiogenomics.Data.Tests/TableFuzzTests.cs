using Radiogenomics.TestSupport;
using Xunit;

namespace Radiogenomics.Data.Tests;

/// <summary>
/// Issue 19 item 7: 10,000 mutated CSV and TSV tables (seeded, replayable by index) through <see cref="TabularFile"/>
/// as the fetch stages read them — every column as text and as numbers. Each either reads or fails with a
/// <see cref="DataProblemException"/> naming the file, a record and a fix; never another exception.
/// </summary>
public sealed class TableFuzzTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-tablefuzz-" + Guid.NewGuid().ToString("N")[..10]);

    public TableFuzzTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static readonly string[] CsvSeeds =
    [
        "image_id,patient_id,fea_0001,fea_0002\nP1-a,P1,1.5,2\nP1-b,P1,-0.25,3e-3\nP2-a,P2,NA,4\n",
        "patient_id,GENE01,SIG_X\nP1,0.1,\nP2,\"1,5\",NaN\nP3,2,.\n",
    ];

    private static readonly string[] TsvSeeds =
    [
        "patient_id\tER Status\tage\nP1\tPositive\t51\nP2\tNegative\t[Not Available]\nP3\tPositive\t67.5\n",
        "image_id\tpatient_id\tx\nA\tP1\t1\nB\tP1\t2\n",
    ];

    private static readonly string[] Tokens =
    [
        ",", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "NA", "NaN", "nan", "N/A", "null", ".", "", " ", "1e309", "-1e309", "inf", "-Infinity", "0x10",
        "1,5", "١٢", "\u00e9", "\u0000", "#", "'", ";", "patient_id", "image_id", ",,,,", "\t\t", "\"a\nb\"",
    ];

    [Theory]
    [InlineData(".csv")]
    [InlineData(".tsv")]
    public void FiveThousandMutatedTablesPerDelimiterReadOrNameTheProblem(string extension)
    {
        const int Runs = 5_000, Seed = 19; // 5,000 CSV + 5,000 TSV
        var mutator = new InputMutator(extension == ".csv" ? CsvSeeds : TsvSeeds, Tokens);
        var crashes = new List<string>();
        int read = 0, problems = 0;
        string path = Path.Combine(_root, "table" + extension);
        using var db = new Radiogenomics.Tables.DuckDbConnection();
        for (int i = 0; i < Runs; i++)
        {
            var bytes = mutator.Generate(Seed, i);
            File.WriteAllBytes(path, bytes);
            try
            {
                var file = TabularFile.Read(path, "table" + extension, db);
                read++;
                foreach (var column in file.Table.ColumnNames)
                {
                    file.Strings(column);
                    try { file.Numbers(column, allowMissing: true); }
                    catch (DataProblemException e) when (e.Problems.All(p => p.File == "table" + extension && p.Record.Length > 0 && p.Fix.Length > 0)) { } // a text column
                }
            }
            catch (DataProblemException e)
            {
                problems++;
                if (e.Problems.Any(p => p.File != "table" + extension || p.Record.Length == 0 || p.Fix.Length == 0))
                    crashes.Add($"input {i}: a problem without file, record or fix: {e.Message}");
            }
            catch (Exception e)
            {
                crashes.Add($"input {i} (seed {Seed}, {extension}): {e.GetType().Name}: {e.Message}\n---\n{System.Text.Encoding.UTF8.GetString(bytes)}\n---");
            }
        }
        Assert.True(crashes.Count == 0, $"{crashes.Count} of {Runs} tables crashed the reader; first:\n{string.Join("\n", crashes.Take(3))}");
        Assert.True(read > 100 && problems > 100, $"the mutator should produce both kinds: {read} read, {problems} problems");
    }
}
