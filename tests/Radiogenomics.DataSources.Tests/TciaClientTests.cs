using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>The NBIA v4 client against a local server that answers like the real one.</summary>
public class TciaClientTests
{
    private const string Prefix = "/nbia-api/services/v4/";
    private const string SeriesA = "1.3.6.1.4.1.14519.5.2.1.3344.4008.258485580179562855968279889580";
    private const string SeriesB = "1.3.6.1.4.1.14519.5.2.1.3344.4008.301474851240138374722219146732";
    private static readonly string[] SeriesParameters = ["Collection", "format", "PatientID", "StudyInstanceUID", "Modality", "BodyPartExamined", "ManufacturerModelName", "Manufacturer", "SeriesInstanceUID"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Listing endpoints as NBIA v4 serves them: JSON arrays, 200 + empty body when nothing matches,
    /// 400 for unknown parameters. getImage answers are supplied by the test.</summary>
    private static MockResponse Nbia(MockRequest request, Func<MockRequest, MockResponse>? getImage = null)
    {
        if (!request.Path.StartsWith(Prefix, StringComparison.Ordinal)) return MockResponse.Text("Not Found", 404);
        var endpoint = request.Path[Prefix.Length..];
        var q = request.QueryParameters;
        switch (endpoint)
        {
            case "getCollectionValues":
                return MockResponse.Json(TestSupport.Fixture("nbia_getCollectionValues.json"));
            case "getPatient":
                return q.GetValueOrDefault("Collection") == "TCGA-BRCA" ? MockResponse.Json(TestSupport.Fixture("nbia_getPatient_TCGA-BRCA.json")) : MockResponse.Empty();
            case "getSeries":
                var unknown = q.Keys.FirstOrDefault(k => !SeriesParameters.Contains(k));
                if (unknown is not null)
                    return MockResponse.Text($"Invalid query parameter: '{unknown}'. Allowed parameters are: [{string.Join(", ", SeriesParameters)}]", 400);
                var all = JsonNode.Parse(TestSupport.Fixture("nbia_getSeries_TCGA-BRCA.json"))!.AsArray();
                var hits = all.Where(s => q.Where(p => p.Key != "format").All(p => (string?)s![p.Key] == p.Value)).Select(s => s!.DeepClone()).ToArray();
                return hits.Length == 0 ? MockResponse.Empty() : MockResponse.Json(new JsonArray(hits).ToJsonString());
            case "getImage" when getImage is not null:
                return getImage(request);
            default:
                return MockResponse.Text("Not Found", 404);
        }
    }

    private static TciaClient Client(MockHttpServer server, HttpClient http, Action<RetryNotice>? onRetry = null) =>
        new(http, TestSupport.FastOptions(new Uri(server.BaseAddress, Prefix), onRetry));

    [Fact]
    public async Task Collections_come_from_getCollectionValues_as_json()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var collections = await client.GetCollectionValuesAsync(Ct);

        Assert.Contains("TCGA-BRCA", collections);
        Assert.Equal(6, collections.Count);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal(Prefix + "getCollectionValues?format=json", request.Target);
    }

    [Fact]
    public async Task Patients_of_a_collection_read_the_v4_PatientId_field()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var patients = await client.GetPatientsAsync("TCGA-BRCA", Ct);

        Assert.Equal(["TCGA-AO-A03M", "TCGA-BH-A0DK", "TCGA-EW-A1J2"], patients.Select(p => p.PatientId));
        Assert.All(patients, p => Assert.Equal("TCGA-BRCA", p.Collection));
        Assert.False(patients[0].Phantom);
        Assert.Equal("Homo sapiens", patients[0].SpeciesDescription);
        Assert.Equal("Collection=TCGA-BRCA&format=json", server.Requests[0].Query);
    }

    [Fact]
    public async Task Series_query_sends_only_the_filters_set_and_maps_every_field()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var series = await client.GetSeriesAsync(new TciaSeriesQuery { Collection = "TCGA-BRCA", PatientId = "TCGA-BH-A0DK", Modality = "MR" }, Ct);

        Assert.Equal("Collection=TCGA-BRCA&PatientID=TCGA-BH-A0DK&Modality=MR&format=json", server.Requests[0].Query);
        Assert.Equal([SeriesA, SeriesB], series.Select(s => s.SeriesInstanceUid));
        var dce = series[0];
        Assert.Equal("Ax Vibrant MultiPhase", dce.SeriesDescription);
        Assert.Equal(5, dce.SeriesNumber);
        Assert.Equal(600, dce.ImageCount);
        Assert.Equal(315658430L, dce.FileSize);
        Assert.False(dce.AnnotationsFlag);
        Assert.Equal("TCGA-BH-A0DK", dce.PatientId);
        Assert.Equal("BREAST MRI", dce.StudyDescription);
        Assert.Equal("2002-12-22 00:00:00.0", dce.SeriesDate);
        Assert.Equal("GE MEDICAL SYSTEMS", dce.Manufacturer);
        Assert.Equal("https://doi.org/10.7937/K9/TCIA.2016.AB2NAZRP", dce.DataDescriptionUri);
        Assert.Equal("http://creativecommons.org/licenses/by/3.0/", dce.LicenseUri);
        Assert.Null(series[1].SeriesDescription); // NBIA leaves null columns out of the JSON
        Assert.Null(series[1].ProtocolName);
    }

    [Fact]
    public async Task An_empty_result_is_200_with_an_empty_body_and_reads_as_an_empty_list()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = Client(server, http);

        Assert.Empty(await client.GetPatientsAsync("No-Such-Collection", Ct));
        Assert.Empty(await client.GetSeriesAsync(new TciaSeriesQuery { Collection = "TCGA-BRCA", Modality = "CT" }, Ct));
        Assert.All(server.Requests, r => Assert.DoesNotContain("Range", r.Headers.Keys));
        Assert.Equal(2, server.Requests.Count); // no retries: empty is a valid answer
    }

    [Fact]
    public async Task A_400_is_not_retried_and_the_error_quotes_the_server()
    {
        var retries = 0;
        await using var server = new MockHttpServer(_ => MockResponse.Text("Invalid query parameter: 'PatientId'. Allowed parameters are: [Collection, format, PatientID]", 400));
        using var http = new HttpClient();
        using var client = Client(server, http, _ => retries++);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetSeriesAsync(new TciaSeriesQuery { Collection = "TCGA-BRCA" }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Invalid query parameter", error.Message);
        Assert.Contains("getSeries", error.Message);
        Assert.Single(server.Requests);
        Assert.Equal(0, retries);
    }

    [Fact]
    public async Task Unfiltered_getSeries_and_non_uid_series_ids_are_refused_before_any_request()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetSeriesAsync(new TciaSeriesQuery(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadSeriesAsync("../../etc", dir.Path, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadSeriesAsync("1.2.3/4", dir.Path, cancellationToken: Ct));
        Assert.Empty(server.Requests);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task A_series_download_holds_only_dicom_files_with_the_license_beside_it_and_is_skipped_next_time()
    {
        var zip = Zips.NbiaSeries("1-001.dcm", "1-002.dcm", "2-001.dcm");
        await using var server = new MockHttpServer(r => Nbia(r, _ => new MockResponse(200, zip) { Headers = [("Content-Type", "application/octet-stream")] }));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();
        var progress = new List<DownloadProgress>();

        var result = await client.DownloadSeriesAsync(SeriesA, dir.Path, progress: new TestSupport.InlineProgress<DownloadProgress>(progress.Add), cancellationToken: Ct);

        var request = Assert.Single(server.Requests);
        Assert.Equal($"SeriesInstanceUID={SeriesA}&NewFileNames=Yes&IncludeMD5=no", request.Query);
        Assert.Equal(Path.Combine(dir.Path, SeriesA), result.Directory);
        Assert.Equal(["1-001.dcm", "1-002.dcm", "2-001.dcm"], result.Files.Select(Path.GetFileName));
        Assert.Equal([SeriesA, $"{SeriesA}.LICENSE.txt", $"{SeriesA}/1-001.dcm", $"{SeriesA}/1-002.dcm", $"{SeriesA}/2-001.dcm"], dir.Entries());
        Assert.Equal(Zips.LicenseText, File.ReadAllText(result.LicensePath!));
        Assert.Equal(Zips.FakeDicom(1), File.ReadAllBytes(result.Files[1]));
        Assert.False(result.AlreadyPresent);
        Assert.Equal(zip.Length, progress[^1].BytesReceived);

        var again = await client.DownloadSeriesAsync(SeriesA, dir.Path, cancellationToken: Ct);
        Assert.True(again.AlreadyPresent);
        Assert.Equal(result.Files, again.Files);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task With_IncludeMD5_files_are_checked_and_a_damaged_zip_is_fetched_once_more()
    {
        var one = Zips.FakeDicom(0);
        var two = Zips.FakeDicom(1);
        string Csv(string md5Of1) => $"Filename,MD5Hash\n1-001.dcm,{md5Of1}\n1-002.dcm,{TestSupport.Md5(two)}\n";
        var damaged = Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", one), ("1-002.dcm", two), ("md5hashes.csv", Zips.Text(Csv(new string('0', 32)))));
        var good = Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)), ("1-001.dcm", one), ("1-002.dcm", two), ("md5hashes.csv", Zips.Text(Csv(TestSupport.Md5(one)))));
        var served = 0;
        await using var server = new MockHttpServer(r => Nbia(r, _ => new MockResponse(200, Interlocked.Increment(ref served) == 1 ? damaged : good)));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        var result = await client.DownloadSeriesAsync(SeriesA, dir.Path, new TciaImageOptions { IncludeMd5 = true }, cancellationToken: Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("yes", r.QueryParameters["IncludeMD5"]));
        Assert.Equal(2, result.ChecksumsVerified);
        Assert.Equal([SeriesA, $"{SeriesA}.LICENSE.txt", $"{SeriesA}/1-001.dcm", $"{SeriesA}/1-002.dcm"], dir.Entries());
    }

    [Fact]
    public async Task A_truncated_zip_is_fetched_again()
    {
        var zip = Zips.NbiaSeries("1-001.dcm");
        var served = 0;
        // The first answer is cut short but announces no length, as a streamed zip would: only the zip's structure shows it.
        await using var server = new MockHttpServer(r => Nbia(r, _ => Interlocked.Increment(ref served) == 1
            ? new MockResponse(200, zip[..(zip.Length / 2)])
            : new MockResponse(200, zip)));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        var result = await client.DownloadSeriesAsync(SeriesB, dir.Path, cancellationToken: Ct);

        Assert.Single(result.Files);
        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain(dir.Entries(), e => e.EndsWith(".zip") || e.EndsWith(".partial") || e.EndsWith(".extracting"));
    }

    [Fact]
    public async Task An_empty_zip_for_an_unknown_uid_is_an_error_and_leaves_no_folder_behind()
    {
        var empty = Zips.Create(("LICENSE", Zips.Text(Zips.LicenseText)));
        await using var server = new MockHttpServer(r => Nbia(r, _ => new MockResponse(200, empty)));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.DownloadSeriesAsync("1.2.3.4", dir.Path, cancellationToken: Ct));

        Assert.Contains("no DICOM files", error.Message);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task A_manifest_downloads_every_listed_series()
    {
        var manifest = TciaManifest.Read(TestSupport.FixturePath("manifest-TCGA-BRCA.tcia"));
        await using var server = new MockHttpServer(r => Nbia(r, _ => new MockResponse(200, Zips.NbiaSeries("1-001.dcm", "1-002.dcm"))));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        var results = await client.DownloadManifestAsync(manifest, dir.Path, cancellationToken: Ct);

        Assert.Equal(manifest.SeriesInstanceUids, results.Select(r => r.SeriesInstanceUid));
        Assert.All(results, r => Assert.Equal(2, r.Files.Count));
        Assert.Equal(manifest.SeriesInstanceUids, server.Requests.Select(r => r.QueryParameters["SeriesInstanceUID"]));
    }

    [Fact]
    public async Task A_bearer_token_is_sent_when_configured()
    {
        await using var server = new MockHttpServer(r => Nbia(r));
        using var http = new HttpClient();
        using var client = new TciaClient(http, TestSupport.FastOptions(new Uri(server.BaseAddress, Prefix)) with { AuthToken = "abc123" });

        await client.GetCollectionValuesAsync(Ct);

        Assert.Equal("Bearer abc123", server.Requests[0].Header("Authorization"));
        Assert.StartsWith("Radiogenomics.DataSources/", server.Requests[0].Header("User-Agent"));
    }
}
