using Radiogenomics.Data;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>The LME scan's pass 2 reports the fits that gave no test, by status, as the rows it writes say.</summary>
public sealed class AssociationScanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rg-scan").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void UntestedFitsAreCountedByStatusAsWritten()
    {
        // 6 patients × 3 images; fea_0001 varies, fea_0002 is constant (a dead unit); genomic g1 varies, g2 is constant.
        var patients = Enumerable.Range(0, 6).Select(p => $"P{p}").ToArray();
        var patientOf = Enumerable.Range(0, 18).Select(i => (string?)patients[i / 3]).ToArray();
        var imageIds = Enumerable.Range(0, 18).Select(i => (string?)$"img{i}").ToArray();
        var varying = Enumerable.Range(0, 18).Select(i => Math.Sin(i) + i / 3 * 0.5).ToArray();
        var constant = Enumerable.Repeat(0.25, 18).ToArray();
        var features = new FeatureMatrix(imageIds, patientOf, ["fea_0001", "fea_0002"], [varying, constant]);
        double[] covariates = [.. Enumerable.Range(0, 6).Select(p => (double)p * p), .. Enumerable.Repeat(3.0, 6)];
        var scan = new AssociationScan(features, patients, ["g1", "g2"], covariates, new Dictionary<string, string>(), MissingCovariatePolicy.Fail);

        string path = Path.Combine(_dir, "associations.parquet");
        var untested = scan.Write(path, scan.QValues(scan.PValues(), FdrScope.Global));

        var written = ParquetFile.Read(path, ["status"]).GetStrings("status").Where(s => s != "ok").GroupBy(s => s!).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(2, untested[FitStatus.ConstantResponse]);  // fea_0002 against both genomic features
        Assert.Equal(1, untested[FitStatus.ConstantCovariate]); // fea_0001 against g2
        Assert.Equal(written, untested.ToDictionary(c => c.Key.ToString(), c => c.Value));
    }
}
