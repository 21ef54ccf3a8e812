using Xunit;

namespace Radiogenomics.Data.Tests;

public sealed class TabularFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-tabular-" + Guid.NewGuid().ToString("N")[..10]);

    public TabularFileTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private TabularFile Read(string name, string text)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return TabularFile.Read(path, name);
    }

    [Fact]
    public void EveryMissingTokenIsNaN()
    {
        var file = Read("t.csv", "id,x\n" + string.Concat(MissingValues.Tokens.Select((t, i) => $"r{i},{t}\n")) + "last,2.5\n");
        var x = file.Numbers("x", allowMissing: true);
        Assert.All(x.Take(MissingValues.Tokens.Count), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(2.5, x[^1]);
        Assert.True(MissingValues.IsMissing(" NA "));
        Assert.False(MissingValues.IsMissing("0"));
    }

    [Fact]
    public void ClinicalTablesAlsoTreatTcgaPlaceholdersAsMissing()
    {
        Assert.All(["[Not Available]", "[not evaluated]", "Not Reported", "unknown", "na", "NA", ""], v => Assert.True(MissingValues.IsMissingClinical(v), v));
        Assert.False(MissingValues.IsMissing("[Not Available]")); // only clinical tables know TCGA's codes
        Assert.False(MissingValues.IsMissingClinical("Negative"));
    }

    [Fact]
    public void BadCellsNameTheFileRowColumnAndFix()
    {
        var file = Read("t.tsv", "id\tx\nr1\t1\nr2\tabc\n");
        var e = Assert.Throws<DataProblemException>(() => file.Numbers("x", allowMissing: true));
        Assert.Equal("t.tsv: row 2 (line 3), column 'x': 'abc' is not a number. Fix: correct the cell, or leave it empty / NA for a missing value", e.Message);
        var missing = Assert.Throws<DataProblemException>(() => file.Numbers("xx", allowMissing: true));
        Assert.Equal("t.tsv: header: has no column 'xx' (did you mean 'x'?). Fix: rename the column or set the stage's column parameter", missing.Message);
    }

    [Fact]
    public void SeveralProblemsAreListedTogether()
    {
        var e = new DataProblemException([new DataProblem("a.tsv", 2, "gene X", "bad", "fix it"), new DataProblem("a.tsv", "header", "short", "add")]);
        Assert.StartsWith("2 problem(s) in a.tsv:", e.Message);
        Assert.Contains("  a.tsv:2: gene X: bad. Fix: fix it", e.Message);
        Assert.Contains("  a.tsv: header: short. Fix: add", e.Message);
    }

    [Fact]
    public void PatientsAreOrderedOrdinally() =>
        Assert.Equal(["P10", "P2", "p1"], PatientOrder.Of(["p1", "P2", null, "P10", "P2"]));

    [Fact]
    public void AHeaderWithoutRowsIsAProblemHereNotAnEmptyTableLater()
    {
        var e = Assert.Throws<DataProblemException>(() => Read("empty.csv", "image_id,patient_id,fea_0001\n"));
        Assert.Equal("empty.csv", Assert.Single(e.Problems).File);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void ANonUtf8FileIsNamedAsSuchWithItsLine()
    {
        string path = Path.Combine(_root, "latin1.csv");
        var bytes = System.Text.Encoding.ASCII.GetBytes("id,site\nr1,a\nr2,b\nr3,c\nr4,d\nr5,Z\n").ToList();
        bytes[^2] = 0xE9; // 'é' in Latin-1, line 6
        File.WriteAllBytes(path, bytes.ToArray());
        var e = Assert.Throws<DataProblemException>(() => TabularFile.Read(path, "latin1.csv"));
        Assert.Contains("line 6", e.Message);
        Assert.Contains("not UTF-8", e.Message);
        Assert.Contains("0xE9", e.Message);
        Assert.Contains("save it as UTF-8", e.Message);
    }

    [Fact]
    public void ANulByteIsAProblemNotADuplicateColumnCrash()
    {
        // Found by TableFuzzTests (seed 19, .csv input 3161): DuckDB cut the names at the NUL and the table builder threw ArgumentException.
        var e = Assert.Throws<DataProblemException>(() => Read("nul.csv", "image_id,pat\0ient_id,image_id,pat\0ient_id,\n"));
        Assert.Contains("NUL byte", e.Message);
        Assert.Contains("line 1", e.Message);
    }
}
