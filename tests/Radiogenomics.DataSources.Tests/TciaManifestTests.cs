using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Reading .tcia manifests as the TCIA portal writes them.</summary>
public class TciaManifestTests
{
    [Fact]
    public void A_portal_manifest_with_bom_crlf_blank_lines_and_trailing_spaces_is_read()
    {
        var manifest = TciaManifest.Read(TestSupport.FixturePath("manifest-TCGA-BRCA.tcia"));

        Assert.Equal(
        [
            "1.3.6.1.4.1.14519.5.2.1.3344.4008.258485580179562855968279889580",
            "1.3.6.1.4.1.14519.5.2.1.3344.4008.301474851240138374722219146732",
            "1.3.6.1.4.1.14519.5.2.1.3344.4008.170932474232416148286618446713",
        ], manifest.SeriesInstanceUids);
        Assert.Equal("https://public.cancerimagingarchive.net/nbia-download/servlet/DownloadServlet", manifest.DownloadServerUrl);
        Assert.Equal("3.0", manifest.ManifestVersion);
        Assert.Equal("manifest-1561766528292.tcia", manifest.Properties["databasketId"]);
        Assert.Empty(manifest.Problems);
    }

    [Fact]
    public void A_manifest_with_fewer_header_keys_is_read_by_its_marker()
    {
        var manifest = TciaManifest.Parse(new StringReader("ListOfSeriesToDownload=\n1.2.840.113619.2.55.3\n"));
        Assert.Equal(["1.2.840.113619.2.55.3"], manifest.SeriesInstanceUids);
        Assert.Empty(manifest.Properties);
    }

    private const string WithProblems = "manifestVersion=3.0\nListOfSeriesToDownload=\n1.2.3.4\n../../etc/passwd\n1.2..3\n1.2.3.4\n1.2.3.5\n";

    [Fact]
    public void Bad_and_repeated_lines_are_problem_records_under_Skip()
    {
        var manifest = TciaManifest.Parse(new StringReader(WithProblems), "cart.tcia", BadRecordPolicy.Skip);

        Assert.Equal(["1.2.3.4", "1.2.3.5"], manifest.SeriesInstanceUids);
        Assert.Equal([4L, 5L, 6L], manifest.Problems.Select(p => p.Line));
        Assert.All(manifest.Problems, p =>
        {
            Assert.Equal("cart.tcia", p.File);
            Assert.NotEmpty(p.Reason);
            Assert.NotEmpty(p.Fix);
        });
        Assert.Equal("../../etc/passwd", manifest.Problems[0].Record);
        Assert.Contains("first on line 3", manifest.Problems[2].Reason);
    }

    [Fact]
    public void Under_Fail_every_problem_is_thrown_together()
    {
        var error = Assert.Throws<DataProblemException>(() => TciaManifest.Parse(new StringReader(WithProblems), "cart.tcia"));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("cart.tcia:4: ../../etc/passwd", error.Message);
    }

    [Fact]
    public void A_file_without_the_marker_is_not_a_manifest()
    {
        var manifest = TciaManifest.Parse(new StringReader("PatientID,SeriesInstanceUID\nTCGA-BH-A0DK,1.2.3\n"), "series.csv", BadRecordPolicy.Skip);

        Assert.Empty(manifest.SeriesInstanceUids);
        Assert.Contains("marker line is missing", Assert.Single(manifest.Problems).Reason);
    }
}
