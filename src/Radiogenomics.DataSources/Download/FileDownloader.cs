using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Radiogenomics.DataSources;

/// <summary>
/// Downloads one file so that an interrupted transfer costs only the bytes not yet received:
/// <list type="bullet">
/// <item>bytes go to <c>&lt;destination&gt;.partial</c>, which survives failed tries, cancellation and process restarts;</item>
/// <item>the next try asks for the rest with <c>Range: bytes=N-</c> (and <c>If-Range</c> when the server gave a strong
/// ETag or Last-Modified), and starts over if the server answers with the whole file instead;</item>
/// <item>429/5xx answers and dropped or stalled connections are retried with back-off; tries that received bytes
/// do not use up the retry budget (only consecutive tries without progress do), with a hard cap on all tries;</item>
/// <item>the finished file is checked against the expected size and MD5 and only then renamed into place, so a file
/// at the destination is always complete. A mismatch deletes the partial file; if any bytes came from a resumed
/// try, one clean download from byte 0 is tried before giving up.</item>
/// </list>
/// A destination that already exists and matches the expectations is not downloaded again.
/// </summary>
public sealed class FileDownloader
{
    private const int BufferSize = 1 << 16;
    private const int HardCapFactor = 20;
    private readonly ResilientHttpClient _http;

    public FileDownloader(ResilientHttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    public async Task<DownloadResult> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Source.IsAbsoluteUri) throw new ArgumentException($"'{request.Source}' is not an absolute URL", nameof(request));
        if (request.ExpectedSize is < 0) throw new ArgumentException("ExpectedSize must not be negative", nameof(request));
        var expectedMd5 = NormalizeMd5(request.ExpectedMd5);
        var destination = Path.GetFullPath(request.DestinationPath);
        var partial = destination + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        if (File.Exists(destination))
        {
            var (size, md5) = await HashFileAsync(destination, cancellationToken).ConfigureAwait(false);
            if (Mismatch(request.ExpectedSize, expectedMd5, size, md5) is null)
                return new DownloadResult(destination, size, md5, Attempts: 0, ResumedBytes: 0, AlreadyPresent: true);
            // Not the file the index describes (changed upstream or placed by hand): fetch it again; the rename replaces it.
        }

        var cleanRetryUsed = false;
        var totalAttempts = 0;
        while (true)
        {
            var outcome = await FetchAsync(request, partial, progress, cancellationToken).ConfigureAwait(false);
            totalAttempts += outcome.Attempts;
            var mismatch = Mismatch(request.ExpectedSize, expectedMd5, outcome.Size, outcome.Md5);
            if (mismatch is null)
            {
                File.Move(partial, destination, overwrite: true);
                return new DownloadResult(destination, outcome.Size, outcome.Md5, totalAttempts, outcome.ResumedBytes, AlreadyPresent: false);
            }

            File.Delete(partial);
            if (outcome.UsedResume && !cleanRetryUsed)
            {
                // Resumed bytes may come from an older version of the file or a misbehaving proxy; one clean try settles it.
                cleanRetryUsed = true;
                continue;
            }
            var (what, expected, actual) = mismatch.Value;
            throw new DownloadIntegrityException(destination, what, expected, actual,
                "The partial file was deleted and nothing was written to the destination. If this repeats, the archive's " +
                "index (size/md5sum) and the file it serves disagree: re-run the query for fresh values and report it to the archive.");
        }
    }

    private sealed record FetchOutcome(int Attempts, long Size, string Md5, long ResumedBytes, bool UsedResume);

    /// <summary>What one download carries from try to try: the running MD5 of the partial file and the validators for If-Range.</summary>
    private sealed class Transfer(DownloadRequest request, string partial) : IDisposable
    {
        public DownloadRequest Request { get; } = request;
        public string Partial { get; } = partial;
        public IncrementalHash Hash { get; private set; } = IncrementalHash.CreateHash(HashAlgorithmName.MD5);

        /// <summary>Bytes from the start of the partial file already fed to <see cref="Hash"/>.</summary>
        public long Hashed { get; set; }

        public int Attempts { get; set; }
        public bool UsedResume { get; set; }
        public EntityTagHeaderValue? ETag { get; set; }
        public DateTimeOffset? LastModified { get; set; }

        /// <summary>Makes the hash cover exactly the first <paramref name="length"/> bytes of the partial file
        /// (a failed try may have written a tail the hash did not see, or the file may come from an earlier run).</summary>
        public async Task AlignHashAsync(long length, CancellationToken cancellationToken)
        {
            if (Hashed == length) return;
            Hash.Dispose();
            Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            Hashed = 0;
            if (length == 0) return;
            await using var file = new FileStream(Partial, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                while (Hashed < length)
                {
                    var n = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, length - Hashed)), cancellationToken).ConfigureAwait(false);
                    if (n == 0) throw new IOException($"{Partial} shrank while resuming");
                    Hash.AppendData(buffer, 0, n);
                    Hashed += n;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public FetchOutcome Finish(long resumedFrom)
        {
            var size = new FileInfo(Partial).Length;
            if (Hashed != size) throw new InvalidOperationException($"internal error: hashed {Hashed} of {size} bytes of {Partial}");
            return new FetchOutcome(Attempts, size, Convert.ToHexStringLower(Hash.GetHashAndReset()), resumedFrom, UsedResume);
        }

        public void Dispose() => Hash.Dispose();
    }

    /// <summary>The result of one HTTP try: finished, or failed (with how many bytes it still added).</summary>
    private readonly record struct TryResult(FetchOutcome? Outcome, long Received, string? Failure);

    /// <summary>Brings the partial file to the full length of the remote file, resuming across failed tries.</summary>
    private async Task<FetchOutcome> FetchAsync(DownloadRequest request, string partial, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        var policy = _http.Options.Retry;
        var hardCap = Math.Max(1, policy.MaxAttempts) * HardCapFactor;
        var failuresWithoutProgress = 0;
        using var transfer = new Transfer(request, partial);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            if (request.ExpectedSize is { } expectedSize && offset > expectedSize)
            {
                File.Delete(partial); // longer than the file can be: not a prefix of it
                offset = 0;
            }
            if (offset > 0 && offset == request.ExpectedSize)
            {
                // An earlier run got every byte but stopped before verifying; nothing left to fetch.
                transfer.UsedResume = true;
                await transfer.AlignHashAsync(offset, cancellationToken).ConfigureAwait(false);
                return transfer.Finish(resumedFrom: offset);
            }

            transfer.Attempts++;
            var result = await TryOnceAsync(transfer, offset, progress, cancellationToken).ConfigureAwait(false);
            if (result.Outcome is { } outcome) return outcome;

            failuresWithoutProgress = result.Received > 0 ? 0 : failuresWithoutProgress + 1;
            if (failuresWithoutProgress >= policy.MaxAttempts || transfer.Attempts >= hardCap)
            {
                var kept = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                throw new IOException($"GET {request.Source} gave up after {transfer.Attempts} tries ({result.Failure}); " +
                                      $"{kept} bytes are kept in {partial} and the next run resumes from there.");
            }
            await _http.BackOffAsync("GET", request.Source, Math.Max(1, failuresWithoutProgress), null, result.Failure!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One GET: asks for the bytes after <paramref name="offset"/> and appends what arrives to the partial file.</summary>
    private async Task<TryResult> TryOnceAsync(Transfer transfer, long offset, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var request = transfer.Request;
        var partial = transfer.Partial;
        using var response = await _http.SendAsync(() => CreateRequest(request.Source, offset, transfer.ETag, transfer.LastModified),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken,
            accept: status => status == HttpStatusCode.RequestedRangeNotSatisfiable).ConfigureAwait(false);
        if (response.Headers.ETag is { IsWeak: false } strong) transfer.ETag = strong; // weak tags are not allowed in If-Range
        transfer.LastModified = response.Content.Headers.LastModified ?? transfer.LastModified;

        long start;
        long? total;
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            var length = response.Content.Headers.ContentRange?.Length;
            if (offset > 0 && length == offset)
            {
                transfer.UsedResume = true;
                await transfer.AlignHashAsync(offset, cancellationToken).ConfigureAwait(false);
                return new TryResult(transfer.Finish(resumedFrom: offset), 0, null);
            }
            File.Delete(partial); // longer than the remote file: it cannot be a prefix of it
            return new TryResult(null, 0, $"HTTP 416 for bytes={offset}- (remote length {length?.ToString() ?? "unknown"}); starting over");
        }
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (offset == 0 || range?.From != offset)
            {
                File.Delete(partial); // not the range we asked for; splicing it in would corrupt the file
                return new TryResult(null, 0, $"HTTP 206 with Content-Range '{range}' for bytes={offset}-; starting over");
            }
            start = offset;
            total = range.Length;
            transfer.UsedResume = true;
        }
        else
        {
            start = 0; // the whole file: the server ignores ranges, or If-Range found that the file changed
            total = response.Content.Headers.ContentLength;
        }

        if (request.ExpectedSize is { } expected && total is { } announced && announced != expected)
            throw new DownloadIntegrityException(Path.GetFullPath(request.DestinationPath), "size", expected.ToString(), $"{announced} (announced by the server)",
                "The archive's index and the file it serves disagree; re-run the query for fresh values.");

        await transfer.AlignHashAsync(start, cancellationToken).ConfigureAwait(false);
        long received = 0;
        Exception? error = null;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            // FileShare.None: a second downloader of the same file fails fast instead of interleaving bytes.
            await using var file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            file.SetLength(start);
            file.Position = start;
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                long reported = 0;
                while (true)
                {
                    idle.CancelAfter(_http.Options.ReadIdleTimeout); // re-armed before every read: a stall, not a slow file, trips it
                    var n = await body.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token).ConfigureAwait(false);
                    if (n == 0) break;
                    await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    transfer.Hash.AppendData(buffer, 0, n);
                    transfer.Hashed += n;
                    received += n;
                    if (received - reported >= BufferSize)
                    {
                        reported = received;
                        progress?.Report(new DownloadProgress(request.DestinationPath, start + received, total ?? request.ExpectedSize, transfer.Attempts));
                    }
                }
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true); // durable before the rename makes it "complete"
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw; // disposing the stream flushes what arrived; the partial file stays for the next run
            }
            catch (Exception e) when (ResilientHttpClient.IsTransient(e))
            {
                error = e is OperationCanceledException
                    ? new TimeoutException($"no data for {_http.Options.ReadIdleTimeout.TotalSeconds:0.#} s", e)
                    : e;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (error is null && total is { } full && start + received != full)
            error = new IOException($"body ended after {start + received} of {full} bytes");
        if (error is not null) return new TryResult(null, received, $"{error.GetType().Name}: {error.Message}");

        progress?.Report(new DownloadProgress(request.DestinationPath, start + received, total ?? request.ExpectedSize, transfer.Attempts));
        return new TryResult(transfer.Finish(resumedFrom: start), received, null);
    }

    private static HttpRequestMessage CreateRequest(Uri source, long offset, EntityTagHeaderValue? etag, DateTimeOffset? lastModified)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, source);
        if (offset > 0)
        {
            message.Headers.Range = new RangeHeaderValue(offset, null);
            // If-Range: "send the rest only if the file is still the one I started" — otherwise the server sends it whole.
            if (etag is not null) message.Headers.IfRange = new RangeConditionHeaderValue(etag);
            else if (lastModified is { } date) message.Headers.IfRange = new RangeConditionHeaderValue(date);
        }
        return message;
    }

    internal static async Task<(long Size, string Md5)> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var md5 = await MD5.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
        return (file.Length, Convert.ToHexStringLower(md5));
    }

    private static (string What, string Expected, string Actual)? Mismatch(long? expectedSize, string? expectedMd5, long size, string md5)
    {
        if (expectedSize is { } es && es != size) return ("size", $"{es} bytes", $"{size} bytes");
        if (expectedMd5 is not null && !string.Equals(expectedMd5, md5, StringComparison.Ordinal)) return ("MD5", expectedMd5, md5);
        return null;
    }

    private static string? NormalizeMd5(string? md5)
    {
        if (string.IsNullOrWhiteSpace(md5)) return null;
        var trimmed = md5.Trim().ToLowerInvariant();
        if (trimmed.Length != 32 || !trimmed.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{md5}' is not an MD5 (32 hex digits)", nameof(md5));
        return trimmed;
    }
}
