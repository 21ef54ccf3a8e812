using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

public class DicomValueTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-120.5, "-120.5")]
    [InlineData(90000.5, "90000.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000")] // 17 significant digits do not fit: 14 do
    [InlineData(1e-20, "1E-20")]
    public void DecimalString_IsShortestThatFits16Characters(double value, string expected)
    {
        var text = DicomValueText.FormatDecimal(value);

        Assert.True(text.Length <= 16, text);
        Assert.StartsWith(expected.TrimEnd('0'), text);
        Assert.Equal("0", DicomValueText.FormatDecimal(-0.0));
    }

    [Fact]
    public void DecimalString_RoundTripsWithinItsPrecision()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9));
            var text = DicomValueText.FormatDecimal(value);
            Assert.True(text.Length <= 16, text);
            // 16 characters keep at least 10 significant digits, even for "-0.00xxxxxxxxxx".
            Assert.Equal(value, DicomValueText.ParseDecimal(text)!.Value, Math.Abs(value) * 1e-9);
        }
    }

    [Theory]
    [InlineData("093130.125", 9, 31, 30, 125)]
    [InlineData("0931", 9, 31, 0, 0)]
    [InlineData("09:31:30", 9, 31, 30, 0)]
    [InlineData("235959.999", 23, 59, 59, 999)]
    public void Time_Parses(string text, int h, int m, int s, int ms)
    {
        Assert.Equal(new TimeSpan(0, h, m, s, ms), DicomValueText.ParseTime(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("12345")]
    [InlineData("ab")]
    public void Time_RejectsMalformed(string text) => Assert.Null(DicomValueText.ParseTime(text));

    [Fact]
    public void DeterministicUids_AreValidStableAndDistinct()
    {
        var generator = DicomUidGenerator.Deterministic("cohort-42");
        var uids = Enumerable.Range(0, 10_000).Select(i => generator.Create($"sop/{i}")).ToList();

        Assert.All(uids, uid => Assert.True(DicomUidGenerator.IsValid(uid), uid));
        Assert.All(uids, uid => Assert.StartsWith("2.25.", uid));
        Assert.All(uids, uid => Assert.InRange(uid.Length, 6, 44));
        Assert.Equal(uids.Count, uids.Distinct().Count());
        Assert.Equal(uids[17], DicomUidGenerator.Deterministic("cohort-42").Create("sop/17"));
        Assert.NotEqual(uids[17], DicomUidGenerator.Deterministic("cohort-43").Create("sop/17"));
        // Pinned: the scheme must not drift, or a regenerated cohort gets new UIDs.
        Assert.Equal(DicomUidGenerator.FromName("cohort-42", "sop/17"), uids[17]);
        Assert.Equal("2.25.", DicomUidGenerator.FromName("seed", "name")[..5]);
    }

    [Fact]
    public void DeterministicUid_IsPinned()
    {
        // SHA-256("seed\0name"), first 16 bytes as a version-8 UUID, in decimal.
        Assert.Equal(PinnedUid, DicomUidGenerator.Deterministic("seed").Create("name"));
    }

    // Computed independently: python3 -c "import hashlib; h=bytearray(hashlib.sha256(b'seed\\x00name').digest()[:16]);
    // h[6]=h[6]&15|128; h[8]=h[8]&63|128; print('2.25.'+str(int.from_bytes(h,'big')))"
    private const string PinnedUid = "2.25.69168222340696714335771204249584495951";

    [Fact]
    public void RandomUids_ComeFromGdcm()
    {
        var generator = DicomUidGenerator.Random();
        var a = generator.Create("x");
        var b = generator.Create("x");

        Assert.NotEqual(a, b);
        Assert.True(DicomUidGenerator.IsValid(a), a);
        Assert.False(generator.IsDeterministic);
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.1", true)]
    [InlineData("2.25.0", true)]
    [InlineData("1.2.03", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.", false)]
    [InlineData("1.2.a", false)]
    [InlineData("", false)]
    public void UidValidation(string uid, bool valid) => Assert.Equal(valid, DicomUidGenerator.IsValid(uid));

    [Fact]
    public void MissingPydicomFiles_SayHowToInstallThem()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PydicomTestFiles.Locate("/nonexistent/pydicom/test_files"));

        Assert.Contains("apt-get install python3-pydicom", error.Message);
    }

    [Fact]
    public void FieldStrengthInGauss_IsNormalisedToTesla()
    {
        var header = new DicomHeader { FilePath = "x", MagneticFieldStrength = 15000 };

        Assert.Equal(1.5, header.MagneticFieldStrengthTesla);
        Assert.Equal(3.0, (header with { MagneticFieldStrength = 3 }).MagneticFieldStrengthTesla);
    }
}
