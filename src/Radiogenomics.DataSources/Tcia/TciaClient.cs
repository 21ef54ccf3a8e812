using System.Text;
using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>
/// Client for TCIA's NBIA REST API v4 (no authentication for public collections). Listing calls return typed
/// records; an empty result is HTTP 200 with an empty body, which reads as an empty list. Series come as zips
/// from getImage (LICENSE entry first, then the DICOM files) and are extracted safely into one folder per
/// SeriesInstanceUID; an existing folder means the series is complete.
/// </summary>
public sealed class TciaClient : IDisposable
{
    private readonly ResilientHttpClient _http;
    private readonly FileDownloader _downloader;

    /// <summary>The v4 root the task brief names. TCIA's own Python client (tcia_utils) now uses
    /// https://nbia.cancerimagingarchive.net/nbia-api/services/v4/ — pass that as BaseAddress if this one stops answering.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://services.cancerimagingarchive.net/nbia-api/services/v4/");

    /// <summary>A client with its own HttpClient (see <see cref="ResilientHttpClient.CreateDefaultHttpClient"/>).</summary>
    public TciaClient(ArchiveClientOptions? options = null)
        : this(ResilientHttpClient.CreateDefaultHttpClient(), options, ownsClient: true)
    {
    }

    /// <summary>A client sending through <paramref name="httpClient"/>, which the caller keeps owning.</summary>
    public TciaClient(HttpClient httpClient, ArchiveClientOptions? options = null)
        : this(httpClient, options, ownsClient: false)
    {
    }

    private TciaClient(HttpClient httpClient, ArchiveClientOptions? options, bool ownsClient)
    {
        options ??= new ArchiveClientOptions();
        BaseAddress = EnsureTrailingSlash(options.BaseAddress ?? DefaultBaseAddress);
        var token = options.AuthToken;
        _http = new ResilientHttpClient(httpClient, options,
            token is null ? null : request => request.Headers.Authorization = new("Bearer", token), ownsClient);
        _downloader = new FileDownloader(_http);
    }

    public Uri BaseAddress { get; }

    /// <summary><c>getCollectionValues</c>: every collection name.</summary>
    public async Task<IReadOnlyList<string>> GetCollectionValuesAsync(CancellationToken cancellationToken = default)
    {
        var records = await GetRecordsAsync("getCollectionValues", [], cancellationToken).ConfigureAwait(false);
        return records.Select(r => JsonRead.String(r, "Collection")).OfType<string>().ToArray();
    }

    /// <summary><c>getPatient?Collection=…</c>: the collection's subjects.</summary>
    public async Task<IReadOnlyList<TciaPatient>> GetPatientsAsync(string collection, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(collection);
        var records = await GetRecordsAsync("getPatient", [KeyValuePair.Create("Collection", collection.Trim())], cancellationToken).ConfigureAwait(false);
        return records.Select(TciaPatient.FromJson).OfType<TciaPatient>().ToArray();
    }

    /// <summary><c>getSeries</c> filtered by collection, patient, study, modality, ...</summary>
    public async Task<IReadOnlyList<TciaSeries>> GetSeriesAsync(TciaSeriesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = query.Parameters().ToArray();
        if (parameters.Length == 0) throw new ArgumentException("set at least one filter (e.g. Collection): an unfiltered getSeries lists the whole archive", nameof(query));
        var records = await GetRecordsAsync("getSeries", parameters, cancellationToken).ConfigureAwait(false);
        return records.Select(TciaSeries.FromJson).OfType<TciaSeries>().ToArray();
    }

    /// <summary>The getImage URL for one series.</summary>
    public Uri GetImageUri(string seriesInstanceUid, TciaImageOptions? options = null)
    {
        DicomUid.Require(seriesInstanceUid, nameof(seriesInstanceUid));
        options ??= new TciaImageOptions();
        return BuildUri("getImage",
        [
            KeyValuePair.Create("SeriesInstanceUID", seriesInstanceUid),
            KeyValuePair.Create("NewFileNames", options.NewFileNames ? "Yes" : "No"),
            KeyValuePair.Create("IncludeMD5", options.IncludeMd5 ? "yes" : "no"),
        ], json: false);
    }

    /// <summary>Downloads the getImage zip of one series to <paramref name="zipPath"/> (resumable, atomic).</summary>
    public Task<DownloadResult> DownloadSeriesZipAsync(string seriesInstanceUid, string zipPath, TciaImageOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // No size or MD5 to check against: getSeries' FileSize counts the DICOM files, not the zip. The zip's own
        // structure (central directory at the end) and md5hashes.csv, when requested, catch truncation and damage.
        return _downloader.DownloadAsync(new DownloadRequest(GetImageUri(seriesInstanceUid, options), zipPath), progress, cancellationToken);
    }

    /// <summary>
    /// Fetches one series into <c>&lt;parentDirectory&gt;/&lt;SeriesInstanceUID&gt;/</c> (DICOM files only), with the
    /// licence beside it as <c>&lt;uid&gt;.LICENSE.txt</c>. Skips series whose folder exists. A zip that cannot be read
    /// or fails its checksums is fetched once more before giving up.
    /// </summary>
    public async Task<TciaSeriesDownload> DownloadSeriesAsync(string seriesInstanceUid, string parentDirectory, TciaImageOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        DicomUid.Require(seriesInstanceUid, nameof(seriesInstanceUid));
        options ??= new TciaImageOptions();
        var parent = Path.GetFullPath(parentDirectory);
        var folder = Path.Combine(parent, seriesInstanceUid);
        var licensePath = folder + ".LICENSE.txt";
        if (Directory.Exists(folder))
        {
            var existing = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            return new TciaSeriesDownload(seriesInstanceUid, folder, existing, File.Exists(licensePath) ? licensePath : null, AlreadyPresent: true, 0);
        }

        var zip = Path.Combine(parent, seriesInstanceUid + ".zip");
        for (var round = 0; ; round++)
        {
            await DownloadSeriesZipAsync(seriesInstanceUid, zip, options, progress, cancellationToken).ConfigureAwait(false);
            ZipExtractionResult extracted;
            try
            {
                extracted = await Task.Run(() => SafeZipExtractor.Extract(zip, folder,
                    new ZipExtractionOptions { LicensePath = licensePath, VerifyChecksums = true }, null, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (round == 0 && e is InvalidDataException or DownloadIntegrityException)
            {
                File.Delete(zip); // truncated or damaged in transit: one fresh download
                continue;
            }

            var files = extracted.Files.Select(f => f.Path!).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                Directory.Delete(folder, recursive: true); // an empty folder would read as "done" next time
                if (extracted.LicensePath is not null) File.Delete(extracted.LicensePath);
                File.Delete(zip);
                throw new InvalidDataException($"getImage returned no DICOM files for series {seriesInstanceUid}; check the UID with getSeries (NBIA answers unknown UIDs with an empty zip)");
            }
            if (!options.KeepZip) File.Delete(zip);
            return new TciaSeriesDownload(seriesInstanceUid, folder, files, extracted.LicensePath, AlreadyPresent: false, extracted.ChecksumsVerified);
        }
    }

    /// <summary>Fetches every series of a manifest, one after another (NBIA streams each zip as it builds it, so
    /// parallel downloads mostly add load on the server). Completed series are skipped on a rerun.</summary>
    public async Task<IReadOnlyList<TciaSeriesDownload>> DownloadManifestAsync(TciaManifest manifest, string parentDirectory, TciaImageOptions? options = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var results = new List<TciaSeriesDownload>(manifest.SeriesInstanceUids.Count);
        foreach (var uid in manifest.SeriesInstanceUids)
            results.Add(await DownloadSeriesAsync(uid, parentDirectory, options, progress, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task<IReadOnlyList<JsonElement>> GetRecordsAsync(string endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var uri = BuildUri(endpoint, parameters, json: true);
        var body = await _http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false);
        // NBIA answers "nothing found" with 200 and an empty body, not "[]".
        if (string.IsNullOrWhiteSpace(body)) return [];
        using var document = JsonRead.Parse(body, $"GET {uri}");
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"GET {uri} returned JSON that is not a list ({document.RootElement.ValueKind})");
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private Uri BuildUri(string endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters, bool json)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in json ? parameters.Append(KeyValuePair.Create("format", "json")) : parameters)
        {
            query.Append(query.Length == 0 ? '?' : '&');
            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return new Uri(BaseAddress, endpoint + query);
    }

    internal static Uri EnsureTrailingSlash(Uri uri)
    {
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URL");
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public void Dispose() => _http.Dispose();
}
