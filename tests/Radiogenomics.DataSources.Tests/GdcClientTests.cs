using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>The GDC client against a local server that pages and answers like api.gdc.cancer.gov.</summary>
public class GdcClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Serves a fixture's hits in pages according to the POSTed from/size, with GDC's pagination block.</summary>
    private static MockResponse Paged(MockRequest request, string fixture, int? claimTotal = null, string? warning = null)
    {
        var body = JsonNode.Parse(request.BodyText)!;
        var from = int.Parse((string)body["from"]!);
        var size = int.Parse((string)body["size"]!);
        var hits = JsonNode.Parse(TestSupport.Fixture(fixture))!["data"]!["hits"]!.AsArray();
        var page = hits.Skip(from).Take(size).Select(h => h!.DeepClone()).ToArray();
        var total = claimTotal ?? hits.Count;
        var response = new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["hits"] = new JsonArray(page),
                ["pagination"] = new JsonObject
                {
                    ["count"] = page.Length, ["total"] = total, ["size"] = size, ["from"] = from, ["sort"] = "",
                    ["page"] = from / size + 1, ["pages"] = (total + size - 1) / size,
                },
            },
            ["warnings"] = warning is null ? new JsonObject() : new JsonObject { ["fields"] = warning },
        };
        return MockResponse.Json(response.ToJsonString());
    }

    private static GdcClient Client(MockHttpServer server, HttpClient http, string? token = null) =>
        new(http, TestSupport.FastOptions(server.BaseAddress) with { AuthToken = token });

    [Fact]
    public async Task Star_counts_files_are_paged_with_from_and_size_until_the_total()
    {
        await using var server = new MockHttpServer(r => Paged(r, "gdc_files_star_counts.json"));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var files = await client.QueryFilesAsync(GdcQuery.StarCountsFiles("TCGA-BRCA") with { PageSize = 2 }, Ct);

        Assert.Equal(5, files.Count);
        Assert.Equal(["0", "2", "4"], server.Requests.Select(r => (string)JsonNode.Parse(r.BodyText)!["from"]!));
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("/files", r.Path);
            Assert.StartsWith("application/json", r.Header("Content-Type"));
        });

        var body = JsonNode.Parse(server.Requests[0].BodyText)!;
        Assert.Equal("2", (string)body["size"]!);
        Assert.Equal("JSON", (string)body["format"]!);
        Assert.Equal("file_id:asc", (string)body["sort"]!);
        Assert.Contains("md5sum", (string)body["fields"]!);
        Assert.Contains("cases.samples.portions.analytes.aliquots.submitter_id", (string)body["fields"]!);
        var filters = body["filters"]!;
        Assert.Equal("and", (string)filters["op"]!);
        var leaves = filters["content"]!.AsArray().ToDictionary(l => (string)l!["content"]!["field"]!, l => l!);
        Assert.Equal("in", (string)leaves["cases.project.project_id"]["op"]!);
        Assert.Equal("TCGA-BRCA", (string)leaves["cases.project.project_id"]["content"]!["value"]![0]!);
        Assert.Equal("Gene Expression Quantification", (string)leaves["data_type"]["content"]!["value"]!);
        Assert.Equal("STAR - Counts", (string)leaves["analysis.workflow_type"]["content"]!["value"]!);
        Assert.Equal("=", (string)leaves["analysis.workflow_type"]["op"]!);

        var file = files.Single(f => f.FileId == "4f6d3bd6-6a56-4ae4-a5e5-3c0c6de0b1a7");
        Assert.Equal("0123456789abcdef0123456789abcdef", file.Md5Sum);
        Assert.Equal(4238550L, file.FileSize);
        Assert.Equal("STAR - Counts", file.WorkflowType);
        Assert.Equal("open", file.Access);
        var @case = Assert.Single(file.Cases);
        Assert.Equal("TCGA-BH-A0DK", @case.SubmitterId);
        Assert.Equal("TCGA-BRCA", @case.ProjectId);
        var sample = Assert.Single(@case.Samples);
        Assert.Equal("Primary Tumor", sample.SampleType);
        Assert.Equal(["TCGA-BH-A0DK-01A-21R-A056-07"], sample.AliquotSubmitterIds);
        Assert.Equal(["TCGA-BH-A0DK-01A"], file.SampleSubmitterIds);
    }

    [Fact]
    public async Task A_page_reports_pagination_and_warnings()
    {
        await using var server = new MockHttpServer(r => Paged(r, "gdc_files_star_counts.json", warning: "unrecognized field: cases.sample"));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var page = await client.QueryFilesPageAsync(GdcQuery.StarCountsFiles() with { PageSize = 2 }, from: 2, Ct);

        Assert.Equal(2, page.Hits.Count);
        Assert.Equal(new GdcPagination(2, 5, 2, 2, 2, 3), page.Pagination);
        Assert.Equal("unrecognized field: cases.sample", page.Warnings["fields"]);
    }

    [Fact]
    public async Task Paging_that_falls_short_of_the_total_is_an_error_not_a_silent_gap()
    {
        // The server claims 7 hits but has 5: the third page is short and a fourth comes back empty.
        await using var server = new MockHttpServer(r => Paged(r, "gdc_files_star_counts.json", claimTotal: 7));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.QueryFilesAsync(GdcQuery.StarCountsFiles() with { PageSize = 2 }, Ct));

        Assert.Contains("reported 7 hits but paging returned 5", error.Message);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Clinical_cases_carry_demographic_diagnoses_follow_ups_survival_and_receptors()
    {
        await using var server = new MockHttpServer(r => Paged(r, "gdc_cases_clinical.json"));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var cases = await client.GetClinicalCasesAsync("TCGA-BRCA", Ct);

        var body = JsonNode.Parse(server.Requests[0].BodyText)!;
        Assert.Equal("/cases", server.Requests[0].Path);
        Assert.Equal("demographic,diagnoses,follow_ups,follow_ups.molecular_tests", (string)body["expand"]!);
        Assert.Equal("project.project_id", (string)body["filters"]!["content"]!["field"]!);

        var byBarcode = cases.ToDictionary(c => c.SubmitterId!);
        var dead = byBarcode["TCGA-AO-A03M"];
        Assert.Equal(new OverallSurvival(true, 1388, "demographic.days_to_death"), dead.GetOverallSurvival());
        Assert.Equal("female", dead.Demographic!.Sex);
        Assert.Equal("Stage IIA", dead.Diagnoses[0].AjccPathologicStage);
        Assert.Equal(("T2", "N1a"), (dead.Diagnoses[0].AjccPathologicT, dead.Diagnoses[0].AjccPathologicN)); // AJCC spellings as GDC gives them
        Assert.Null(dead.Diagnoses[0].DaysToLastFollowUp); // JSON null
        Assert.Equal((ReceptorStatus.Negative, ReceptorStatus.Negative, ReceptorStatus.Positive), (dead.EstrogenReceptor, dead.ProgesteroneReceptor, dead.Her2));

        var alive = byBarcode["TCGA-BH-A0DK"];
        // Censored at the latest contact: follow-up day 2031 beats the diagnosis' last follow-up at 1543.
        Assert.Equal(new OverallSurvival(false, 2031, "follow_ups.days_to_follow_up"), alive.GetOverallSurvival());
        Assert.Equal(ReceptorStatus.Positive, alive.EstrogenReceptor);
        Assert.Equal(ReceptorStatus.NotReported, alive.ProgesteroneReceptor);
        Assert.Equal(ReceptorStatus.Negative, alive.Her2); // IHC equivocal, FISH negative

        var unknown = byBarcode["TCGA-E2-A15A"];
        Assert.Null(unknown.GetOverallSurvival()); // no vital status recorded
        Assert.Equal("female", unknown.Demographic!.Sex); // only the deprecated 'gender' field
        Assert.Equal(ReceptorStatus.NotReported, unknown.EstrogenReceptor);
    }

    [Fact]
    public async Task A_file_downloads_from_data_by_uuid_into_a_per_file_folder_and_is_verified()
    {
        var content = TestSupport.Payload(300_000);
        const string id = "4f6d3bd6-6a56-4ae4-a5e5-3c0c6de0b1a7";
        await using var server = new MockHttpServer(r => r.Path == "/data/" + id ? MockResponse.File(content, r) : MockResponse.Text("{\"message\":\"not found\"}", 404));
        using var http = new HttpClient();
        using var client = Client(server, http, token: "secret-token");
        using var dir = new TempDirectory();
        var file = new GdcFile { FileId = id, FileName = id + ".rna_seq.augmented_star_gene_counts.tsv", Md5Sum = TestSupport.Md5(content).ToUpperInvariant(), FileSize = content.Length };

        var result = await client.DownloadFileAsync(file, dir.Path, cancellationToken: Ct);

        Assert.Equal(Path.Combine(dir.Path, id, file.FileName), result.Path);
        Assert.Equal(content, File.ReadAllBytes(result.Path));
        Assert.Equal(TestSupport.Md5(content), result.Md5);
        Assert.Equal("secret-token", server.Requests[0].Header("X-Auth-Token"));
        Assert.Equal([id, $"{id}/{file.FileName}"], dir.Entries());
    }

    [Fact]
    public async Task A_hostile_file_name_from_the_index_cannot_leave_the_download_folder()
    {
        var content = TestSupport.Payload(1000);
        const string id = "9a1e43a6-3a5e-4c1b-9d0b-8e6c7c2f5d11";
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        using var client = Client(server, http);
        using var dir = new TempDirectory();

        var result = await client.DownloadFileAsync(new GdcFile { FileId = id, FileName = "../../escape.tsv" }, dir.Path, cancellationToken: Ct);

        Assert.Equal(Path.Combine(dir.Path, id, "escape.tsv"), result.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadFileAsync(new GdcFile { FileId = "../x" }, dir.Path, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_gdc_error_message_is_quoted()
    {
        await using var server = new MockHttpServer(_ => MockResponse.Json("{\"message\": \"Unrecognized filter field: cases.project.projectid\"}", 400));
        using var http = new HttpClient();
        using var client = Client(server, http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.QueryFilesAsync(new GdcQuery { Filter = GdcFilter.Equal("cases.project.projectid", "TCGA-BRCA") }, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Unrecognized filter field", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Filters_serialise_to_the_gdc_json_syntax()
    {
        var filter = GdcFilter.And(
            GdcFilter.In("cases.project.project_id", "TCGA-BRCA", "TCGA-LUAD"),
            GdcFilter.Or(GdcFilter.Equal("access", "open"), GdcFilter.Compare(">=", "file_size", 1000)),
            GdcFilter.IsMissing("cases.demographic.days_to_death"));

        Assert.Equal(
            """{"op":"and","content":[{"op":"in","content":{"field":"cases.project.project_id","value":["TCGA-BRCA","TCGA-LUAD"]}},""" +
            """{"op":"or","content":[{"op":"=","content":{"field":"access","value":"open"}},{"op":">=","content":{"field":"file_size","value":1000}}]},""" +
            """{"op":"is","content":{"field":"cases.demographic.days_to_death","value":"MISSING"}}]}""",
            filter.ToJson());
        Assert.Throws<ArgumentException>(() => GdcFilter.Compare("like", "x", "y"));
        Assert.Throws<ArgumentException>(() => GdcFilter.In("x"));
    }
}
