using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>
/// Client for the NCI GDC API: searches on <c>files</c> and <c>cases</c> (POSTed JSON filters, paged with
/// from/size until <c>pagination.total</c>), and verified, resumable downloads from <c>data/{file_id}</c>.
/// Open-access data needs no token.
/// </summary>
public sealed class GdcClient : IDisposable
{
    private readonly ResilientHttpClient _http;
    private readonly FileDownloader _downloader;

    public static Uri DefaultBaseAddress { get; } = new("https://api.gdc.cancer.gov/");

    /// <summary>A client with its own HttpClient (see <see cref="ResilientHttpClient.CreateDefaultHttpClient"/>).</summary>
    public GdcClient(ArchiveClientOptions? options = null)
        : this(ResilientHttpClient.CreateDefaultHttpClient(), options, ownsClient: true)
    {
    }

    /// <summary>A client sending through <paramref name="httpClient"/>, which the caller keeps owning.</summary>
    public GdcClient(HttpClient httpClient, ArchiveClientOptions? options = null)
        : this(httpClient, options, ownsClient: false)
    {
    }

    private GdcClient(HttpClient httpClient, ArchiveClientOptions? options, bool ownsClient)
    {
        options ??= new ArchiveClientOptions();
        BaseAddress = TciaClient.EnsureTrailingSlash(options.BaseAddress ?? DefaultBaseAddress);
        var token = options.AuthToken;
        _http = new ResilientHttpClient(httpClient, options,
            token is null ? null : request => request.Headers.TryAddWithoutValidation("X-Auth-Token", token), ownsClient);
        _downloader = new FileDownloader(_http);
    }

    public Uri BaseAddress { get; }

    /// <summary>One page of a <c>files</c> search.</summary>
    public Task<GdcPage<GdcFile>> QueryFilesPageAsync(GdcQuery query, int from = 0, CancellationToken cancellationToken = default) =>
        QueryPageAsync(query, "files", from, GdcFile.FromJson, cancellationToken);

    /// <summary>Every hit of a <c>files</c> search, page by page.</summary>
    public Task<IReadOnlyList<GdcFile>> QueryFilesAsync(GdcQuery query, CancellationToken cancellationToken = default) =>
        QueryAllAsync(query, "files", GdcFile.FromJson, f => f.FileId, cancellationToken);

    /// <summary>One page of a <c>cases</c> search.</summary>
    public Task<GdcPage<GdcCase>> QueryCasesPageAsync(GdcQuery query, int from = 0, CancellationToken cancellationToken = default) =>
        QueryPageAsync(query, "cases", from, GdcCase.FromJson, cancellationToken);

    /// <summary>Every hit of a <c>cases</c> search, page by page.</summary>
    public Task<IReadOnlyList<GdcCase>> QueryCasesAsync(GdcQuery query, CancellationToken cancellationToken = default) =>
        QueryAllAsync(query, "cases", GdcCase.FromJson, c => c.CaseId, cancellationToken);

    /// <summary>The STAR-counts files of a project (TCGA-BRCA: about 1,200 files; tumour, normal and metastatic samples).</summary>
    public Task<IReadOnlyList<GdcFile>> GetStarCountsFilesAsync(string projectId = "TCGA-BRCA", bool primaryTumorOnly = false,
        CancellationToken cancellationToken = default) =>
        QueryFilesAsync(GdcQuery.StarCountsFiles(projectId, primaryTumorOnly), cancellationToken);

    /// <summary>The cases of a project with demographic, diagnoses, follow-ups and molecular tests.</summary>
    public Task<IReadOnlyList<GdcCase>> GetClinicalCasesAsync(string projectId = "TCGA-BRCA", CancellationToken cancellationToken = default) =>
        QueryCasesAsync(GdcQuery.ClinicalCases(projectId), cancellationToken);

    public Uri GetDataUri(string fileId) => new(BaseAddress, "data/" + RequireFileId(fileId));

    /// <summary>
    /// Downloads a file found by a search to <c>&lt;directory&gt;/&lt;file_id&gt;/&lt;file_name&gt;</c> (the gdc-client layout,
    /// so equal file names never collide), checked against the search's md5sum and file_size.
    /// </summary>
    public Task<DownloadResult> DownloadFileAsync(GdcFile file, string directory, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var id = RequireFileId(file.FileId);
        var name = SafeFileName(file.FileName, id);
        return DownloadFileAsync(id, Path.Combine(directory, id, name), file.FileSize, file.Md5Sum, progress, cancellationToken);
    }

    /// <summary>Downloads <c>data/{fileId}</c> to a path of your choosing, checked against the size and MD5 given.</summary>
    public Task<DownloadResult> DownloadFileAsync(string fileId, string destinationPath, long? expectedSize, string? expectedMd5,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _downloader.DownloadAsync(new DownloadRequest(GetDataUri(fileId), destinationPath, expectedSize, expectedMd5), progress, cancellationToken);

    private async Task<GdcPage<T>> QueryPageAsync<T>(GdcQuery query, string endpoint, int from, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        if (query.PageSize is < 1 or > 10_000) throw new ArgumentException("PageSize must be between 1 and 10,000", nameof(query));
        var uri = new Uri(BaseAddress, endpoint);
        var body = await _http.PostJsonAsync(uri, query.ToRequestJson(from), cancellationToken).ConfigureAwait(false);
        using var document = JsonRead.Parse(body, $"POST {uri}");
        var data = JsonRead.Object(document.RootElement, "data")
                   ?? throw new InvalidDataException($"POST {uri} returned JSON without a 'data' object");
        var hits = JsonRead.Array(data, "hits").Select(read).OfType<T>().ToArray();
        var p = JsonRead.Object(data, "pagination");
        var pagination = p is { } pg
            ? new GdcPagination(JsonRead.Int32(pg, "count") ?? hits.Length, JsonRead.Int32(pg, "total") ?? hits.Length,
                JsonRead.Int32(pg, "size") ?? query.PageSize, JsonRead.Int32(pg, "from") ?? from,
                JsonRead.Int32(pg, "page") ?? 1, JsonRead.Int32(pg, "pages") ?? 1)
            : new GdcPagination(hits.Length, from + hits.Length, query.PageSize, from, 1, 1);
        var warnings = JsonRead.Object(document.RootElement, "warnings") is { } w
            ? w.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.ToString())
            : new Dictionary<string, string>();
        return new GdcPage<T>(hits, pagination, warnings);
    }

    private async Task<IReadOnlyList<T>> QueryAllAsync<T>(GdcQuery query, string endpoint, Func<JsonElement, T?> read, Func<T, string> key,
        CancellationToken cancellationToken) where T : class
    {
        var results = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var from = 0;
        int? total = null;
        // Bounded: at most one request per page of the total first announced, plus one.
        for (var requests = 0; ; requests++)
        {
            var page = await QueryPageAsync(query, endpoint, from, read, cancellationToken).ConfigureAwait(false);
            total ??= page.Pagination.Total;
            foreach (var hit in page.Hits)
                if (seen.Add(key(hit))) results.Add(hit);
            from += page.Hits.Count;
            if (page.Hits.Count == 0 || from >= page.Pagination.Total) break;
            if (requests > total / query.PageSize + 1)
                throw new InvalidDataException($"GDC {endpoint} paging did not finish within the expected {total / query.PageSize + 1} pages");
        }
        if (results.Count != total)
            throw new InvalidDataException(
                $"GDC {endpoint} reported {total} hits but paging returned {results.Count} distinct ones; the index probably changed " +
                "while paging (a data release) — run the query again");
        return results;
    }

    private static string RequireFileId(string fileId)
    {
        if (!Guid.TryParseExact(fileId?.Trim(), "D", out var guid))
            throw new ArgumentException($"'{fileId}' is not a GDC file UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", nameof(fileId));
        return guid.ToString("D");
    }

    /// <summary>The file name GDC states, reduced to a plain name (it becomes a path on our disk).</summary>
    private static string SafeFileName(string? name, string fallback)
    {
        var plain = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "");
        return plain.Length == 0 || plain is "." or ".." || plain.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? fallback : plain;
    }

    public void Dispose() => _http.Dispose();
}
