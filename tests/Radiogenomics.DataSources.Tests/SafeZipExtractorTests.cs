using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Zip-slip safety, the LICENSE entry, checksums and atomic completion.</summary>
public class SafeZipExtractorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string WriteZip(TempDirectory dir, byte[] zip)
    {
        var path = dir.File("series.zip");
        File.WriteAllBytes(path, zip);
        return path;
    }

    [Theory]
    [InlineData("../evil.dcm", "parent-folder")]
    [InlineData("1-001/../../evil.dcm", "parent-folder")]
    [InlineData("..\\evil.dcm", "parent-folder")]
    [InlineData("/tmp/evil.dcm", "absolute path")]
    [InlineData("\\evil.dcm", "absolute path")]
    [InlineData("C:\\Windows\\evil.dcm", "drive letter")]
    [InlineData("C:evil.dcm", "drive letter")]
    [InlineData("a/b:c.dcm", "':'")]
    public void A_malicious_entry_rejects_the_whole_archive_and_nothing_is_written(string name, string reason)
    {
        using var dir = new TempDirectory();
        // The bad entry comes last: good entries before it must not have been written either.
        var zip = WriteZip(dir, Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", Zips.FakeDicom(1)), (name, Zips.Text("pwned"))));
        var target = dir.File("series");

        var error = Assert.Throws<UnsafeArchiveException>(() => SafeZipExtractor.Extract(zip, target, cancellationToken: Ct));

        var (rejectedName, rejectedReason) = Assert.Single(error.Rejected);
        Assert.Equal(name, rejectedName);
        Assert.Contains(reason, rejectedReason);
        Assert.Contains("Nothing was written", error.Message);
        Assert.Equal(["series.zip"], dir.Entries());
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.dcm")));
        Assert.False(File.Exists("/tmp/evil.dcm"));
    }

    [Fact]
    public void Symbolic_links_and_duplicate_names_are_refused()
    {
        using var dir = new TempDirectory();
        const int symlink = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777 in the Unix half of the attributes
        var zip = WriteZip(dir, Zips.Create(
        [
            ("link.dcm", Zips.Text("/etc/passwd"), symlink),
            ("1-001.dcm", Zips.FakeDicom(1), 0),
            ("1-001.DCM", Zips.FakeDicom(2), 0),
        ]));

        var error = Assert.Throws<UnsafeArchiveException>(() => SafeZipExtractor.Extract(zip, dir.File("series"), cancellationToken: Ct));

        Assert.Equal([("link.dcm", "symbolic link"), ("1-001.DCM", "duplicate name")], error.Rejected);
        Assert.Equal(["series.zip"], dir.Entries());
    }

    [Fact]
    public void The_license_goes_to_its_own_file_and_every_entry_is_reported_in_order()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", Zips.FakeDicom(1)), ("sub/", []), ("sub/2-001.dcm", Zips.FakeDicom(2))));
        var target = dir.File("series");
        var reported = new List<ZipEntryReport>();

        var result = SafeZipExtractor.Extract(zip, target, progress: new TestSupport.InlineProgress<ZipEntryReport>(reported.Add), cancellationToken: Ct);

        Assert.Equal([ZipEntryKind.License, ZipEntryKind.File, ZipEntryKind.Directory, ZipEntryKind.File], result.Entries.Select(e => e.Kind));
        Assert.Equal(result.Entries, reported);
        Assert.Equal(target + ".LICENSE.txt", result.LicensePath);
        Assert.Equal(Zips.LicenseText, File.ReadAllText(result.LicensePath!));
        Assert.Equal([Path.Combine(target, "1-001.dcm"), Path.Combine(target, "sub", "2-001.dcm")], result.Files.Select(f => f.Path));
        Assert.Equal(Zips.FakeDicom(2).Length, result.Files[1].Length);
        Assert.Equal(["series", "series.LICENSE.txt", "series.zip", "series/1-001.dcm", "series/sub", "series/sub/2-001.dcm"], dir.Entries());
    }

    [Fact]
    public void A_license_path_can_be_chosen()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.NbiaSeries("1-001.dcm"));

        var result = SafeZipExtractor.Extract(zip, dir.File("out"), new ZipExtractionOptions { LicensePath = dir.File("licenses/TCGA-BRCA.txt") }, cancellationToken: Ct);

        Assert.Equal(dir.File("licenses/TCGA-BRCA.txt"), result.LicensePath);
        Assert.Equal(["licenses", "licenses/TCGA-BRCA.txt", "out", "out/1-001.dcm", "series.zip"], dir.Entries());
    }

    [Fact]
    public void A_checksum_mismatch_leaves_neither_folder_nor_staging_behind()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", Zips.FakeDicom(1)),
            ("md5hashes.csv", Zips.Text($"Filename,MD5Hash\n1-001.dcm,{new string('a', 32)}\n"))));

        var error = Assert.Throws<DownloadIntegrityException>(() => SafeZipExtractor.Extract(zip, dir.File("series"), cancellationToken: Ct));

        Assert.Contains("1-001.dcm", error.What);
        Assert.Equal(["series.zip"], dir.Entries());
    }

    [Fact]
    public void Checksums_that_match_are_counted_and_the_list_is_not_written_into_the_folder()
    {
        using var dir = new TempDirectory();
        var one = Zips.FakeDicom(1);
        var zip = WriteZip(dir, Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", one), ("md5hashes.csv", Zips.Text($"Filename,MD5Hash\r\n1-001.dcm,{TestSupport.Md5(one).ToUpperInvariant()}\r\n"))));

        var result = SafeZipExtractor.Extract(zip, dir.File("series"), cancellationToken: Ct);

        Assert.Equal(1, result.ChecksumsVerified);
        Assert.Contains(result.Entries, e => e.Kind == ZipEntryKind.Checksums && e.Path is null);
        Assert.Equal(["series", "series.LICENSE.txt", "series.zip", "series/1-001.dcm"], dir.Entries());
    }

    [Fact]
    public void An_existing_target_is_kept_unless_overwrite_is_asked_for()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.NbiaSeries("1-001.dcm"));
        Directory.CreateDirectory(dir.File("series"));
        File.WriteAllText(dir.File("series/old.dcm"), "old");

        Assert.Throws<IOException>(() => SafeZipExtractor.Extract(zip, dir.File("series"), cancellationToken: Ct));
        Assert.True(File.Exists(dir.File("series/old.dcm")));

        SafeZipExtractor.Extract(zip, dir.File("series"), new ZipExtractionOptions { Overwrite = true }, cancellationToken: Ct);
        Assert.Equal(["series", "series.LICENSE.txt", "series.zip", "series/1-001.dcm"], dir.Entries());
    }

    [Fact]
    public void An_archive_that_expands_beyond_the_limit_is_stopped_and_cleaned_up()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.Create(("a.dcm", new byte[200_000]), ("b.dcm", new byte[200_000])));

        var error = Assert.Throws<InvalidDataException>(() => SafeZipExtractor.Extract(zip, dir.File("series"), new ZipExtractionOptions { MaxTotalBytes = 300_000 }, cancellationToken: Ct));

        Assert.Contains("zip bomb", error.Message);
        Assert.Equal(["series.zip"], dir.Entries());
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_reported_as_such()
    {
        using var dir = new TempDirectory();
        var zip = WriteZip(dir, Zips.NbiaSeries("1-001.dcm")[..100]);

        var error = Assert.Throws<InvalidDataException>(() => SafeZipExtractor.Extract(zip, dir.File("series"), cancellationToken: Ct));

        Assert.Contains("download it again", error.Message);
        Assert.Equal(["series.zip"], dir.Entries());
    }
}
