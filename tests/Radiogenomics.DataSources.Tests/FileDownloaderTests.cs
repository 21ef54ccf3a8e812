using System.Diagnostics;
using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Resume, verification and atomic completion of <see cref="FileDownloader"/>.</summary>
public class FileDownloaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (FileDownloader Downloader, ResilientHttpClient Http) Create(MockHttpServer server, HttpClient http, Func<ArchiveClientOptions, ArchiveClientOptions>? tweak = null)
    {
        var options = TestSupport.FastOptions(server.BaseAddress);
        var resilient = new ResilientHttpClient(http, tweak is null ? options : tweak(options));
        return (new FileDownloader(resilient), resilient);
    }

    private static DownloadRequest Request(MockHttpServer server, string path, byte[]? expected = null, string? md5 = null) =>
        new(new Uri(server.BaseAddress, "data/file"), path, expected?.Length, md5 ?? (expected is null ? null : TestSupport.Md5(expected)));

    [Fact]
    public async Task A_dropped_connection_is_resumed_with_a_range_request_and_finishes()
    {
        var content = TestSupport.Payload(400_000);
        const int cut = 150_000;
        var calls = 0;
        await using var server = new MockHttpServer(r => Interlocked.Increment(ref calls) == 1
            ? MockResponse.File(content, r) with { DropAfter = cut }
            : MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("counts.tsv");

        var result = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);

        Assert.Equal(2, server.Requests.Count);
        Assert.Null(server.Requests[0].Header("Range"));
        Assert.Equal($"bytes={cut}-", server.Requests[1].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(cut, result.ResumedBytes);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(TestSupport.Md5(content), result.Md5);
        Assert.Equal(["counts.tsv"], dir.Entries()); // the .partial was renamed, not copied
    }

    [Fact]
    public async Task A_partial_file_from_an_earlier_run_is_resumed_not_refetched()
    {
        var content = TestSupport.Payload(200_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r, etag: "\"v1\""));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("counts.tsv");
        File.WriteAllBytes(path + ".partial", content[..120_000]);

        var result = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);

        Assert.Equal("bytes=120000-", Assert.Single(server.Requests).Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(120_000, result.ResumedBytes);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task Within_one_download_the_resume_is_conditional_on_the_etag()
    {
        var content = TestSupport.Payload(100_000);
        var calls = 0;
        await using var server = new MockHttpServer(r => Interlocked.Increment(ref calls) == 1
            ? MockResponse.File(content, r, etag: "\"abc\"") with { DropAfter = 30_000 }
            : MockResponse.File(content, r, etag: "\"abc\""));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();

        await downloader.DownloadAsync(Request(server, dir.File("f"), content), cancellationToken: Ct);

        Assert.Equal("\"abc\"", server.Requests[1].Header("If-Range"));
    }

    [Fact]
    public async Task A_server_that_ignores_ranges_gets_the_file_rewritten_from_byte_zero()
    {
        var content = TestSupport.Payload(50_000);
        await using var server = new MockHttpServer(_ => new MockResponse(200, content));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("series.zip");
        File.WriteAllBytes(path + ".partial", new byte[10_000]); // stale bytes that are not a prefix of the file

        var result = await downloader.DownloadAsync(new DownloadRequest(new Uri(server.BaseAddress, "getImage"), path), cancellationToken: Ct);

        Assert.Equal("bytes=10000-", Assert.Single(server.Requests).Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(0, result.ResumedBytes);
    }

    [Fact]
    public async Task A_checksum_mismatch_is_an_error_and_the_partial_file_is_not_promoted()
    {
        var content = TestSupport.Payload(80_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("counts.tsv");
        var wrongMd5 = TestSupport.Md5(TestSupport.Payload(80_000, seed: 99));

        var error = await Assert.ThrowsAsync<DownloadIntegrityException>(() =>
            downloader.DownloadAsync(Request(server, path, content, wrongMd5), cancellationToken: Ct));

        Assert.Equal("MD5", error.What);
        Assert.Equal(wrongMd5, error.Expected);
        Assert.Equal(TestSupport.Md5(content), error.Actual);
        Assert.Empty(dir.Entries()); // neither the destination nor a .partial
        Assert.Single(server.Requests); // a clean, complete transfer that mismatches is not retried
    }

    [Fact]
    public async Task A_mismatch_after_a_resume_gets_one_clean_download()
    {
        var content = TestSupport.Payload(90_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("counts.tsv");
        File.WriteAllBytes(path + ".partial", new byte[40_000]); // wrong bytes of a plausible length

        var result = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);

        Assert.Equal(["bytes=40000-", null], server.Requests.Select(r => r.Header("Range")));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(0, result.ResumedBytes);
    }

    [Fact]
    public async Task A_size_the_server_announces_that_differs_from_the_index_fails_before_writing()
    {
        var content = TestSupport.Payload(10_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<DownloadIntegrityException>(() =>
            downloader.DownloadAsync(new DownloadRequest(new Uri(server.BaseAddress, "data/x"), dir.File("f"), ExpectedSize: 12_345), cancellationToken: Ct));

        Assert.Equal("size", error.What);
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public async Task A_complete_partial_file_is_finished_from_the_416_answer()
    {
        var content = TestSupport.Payload(20_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("f");
        File.WriteAllBytes(path + ".partial", content);

        var result = await downloader.DownloadAsync(new DownloadRequest(new Uri(server.BaseAddress, "data/x"), path, ExpectedMd5: TestSupport.Md5(content)), cancellationToken: Ct);

        Assert.Equal("bytes=20000-", Assert.Single(server.Requests).Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(20_000, result.ResumedBytes);
    }

    [Fact]
    public async Task A_verified_file_already_in_place_is_not_fetched_again_and_a_wrong_one_is_replaced()
    {
        var content = TestSupport.Payload(5_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("f");
        File.WriteAllBytes(path, content);

        var present = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);
        Assert.True(present.AlreadyPresent);
        Assert.Equal(0, present.Attempts);
        Assert.Empty(server.Requests);

        File.WriteAllBytes(path, new byte[5_000]);
        var replaced = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);
        Assert.False(replaced.AlreadyPresent);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Cancelling_keeps_the_partial_file_and_the_next_run_resumes_from_it()
    {
        var content = TestSupport.Payload(256 * 1024);
        const int half = 128 * 1024;
        var calls = 0;
        await using var server = new MockHttpServer(r => Interlocked.Increment(ref calls) == 1
            ? MockResponse.File(content, r) with { StallAfter = half, StallFor = TimeSpan.FromSeconds(10) }
            : MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("big.tsv");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(700)); // the server stalls for 10 s after half the body

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => downloader.DownloadAsync(Request(server, path, content), cancellationToken: cancel.Token));

        Assert.False(File.Exists(path));
        Assert.Equal(half, new FileInfo(path + ".partial").Length);

        var result = await downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct);
        Assert.Equal($"bytes={half}-", server.Requests[1].Header("Range"));
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(half, result.ResumedBytes);
    }

    [Fact]
    public async Task A_stalled_body_counts_as_a_dropped_connection_and_is_resumed()
    {
        var content = TestSupport.Payload(100_000);
        var calls = 0;
        await using var server = new MockHttpServer(r => Interlocked.Increment(ref calls) == 1
            ? MockResponse.File(content, r) with { StallAfter = 60_000, StallFor = TimeSpan.FromSeconds(10) }
            : MockResponse.File(content, r));
        using var http = new HttpClient();
        var notices = new List<RetryNotice>();
        var (downloader, _) = Create(server, http, o => o with { ReadIdleTimeout = TimeSpan.FromMilliseconds(300), OnRetry = notices.Add });
        using var dir = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var result = await downloader.DownloadAsync(Request(server, dir.File("f"), content), cancellationToken: Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal("bytes=60000-", server.Requests[1].Header("Range"));
        Assert.Equal(60_000, result.ResumedBytes);
        Assert.Contains("TimeoutException", Assert.Single(notices).Reason);
    }

    [Fact]
    public async Task Progress_reports_bytes_and_total()
    {
        var content = TestSupport.Payload(300_000);
        await using var server = new MockHttpServer(r => MockResponse.File(content, r));
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var reports = new List<DownloadProgress>();

        await downloader.DownloadAsync(Request(server, dir.File("f"), content), new TestSupport.InlineProgress<DownloadProgress>(reports.Add), Ct);

        Assert.True(reports.Count >= 2);
        Assert.Equal(reports.Select(r => r.BytesReceived).Order(), reports.Select(r => r.BytesReceived));
        Assert.Equal(content.Length, reports[^1].BytesReceived);
        Assert.All(reports, r => Assert.Equal(content.Length, r.TotalBytes));
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task Repeated_drops_without_progress_give_up_and_keep_what_arrived()
    {
        var content = TestSupport.Payload(50_000);
        var calls = 0;
        // First try delivers 10,000 bytes; every later try is cut before any body byte.
        await using var server = new MockHttpServer(r => MockResponse.File(content, r) with { DropAfter = Interlocked.Increment(ref calls) == 1 ? 10_000 : 0 });
        using var http = new HttpClient();
        var (downloader, _) = Create(server, http);
        using var dir = new TempDirectory();
        var path = dir.File("f");

        var error = await Assert.ThrowsAsync<IOException>(() => downloader.DownloadAsync(Request(server, path, content), cancellationToken: Ct));

        Assert.Contains("10000 bytes are kept", error.Message);
        Assert.Equal(1 + 4, server.Requests.Count); // the try with progress, then MaxAttempts (4) tries without
        Assert.Equal(10_000, new FileInfo(path + ".partial").Length);
        Assert.False(File.Exists(path));
    }
}
