using System.Diagnostics;
using System.Net;
using Xunit;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Retries, back-off, Retry-After and the rate limiter.</summary>
public class ResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_429_with_Retry_After_is_honoured_then_the_request_succeeds()
    {
        var calls = 0;
        await using var server = new MockHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? MockResponse.Text("slow down", 429) with { Headers = [("Retry-After", "1")] }
            : MockResponse.Json("[{\"Collection\":\"TCGA-BRCA\"}]"));
        using var http = new HttpClient();
        var notices = new List<RetryNotice>();
        using var client = new TciaClient(http, TestSupport.FastOptions(server.BaseAddress, notices.Add));
        var clock = Stopwatch.StartNew();

        var collections = await client.GetCollectionValuesAsync(Ct);

        Assert.Equal(["TCGA-BRCA"], collections);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
        var notice = Assert.Single(notices);
        Assert.Equal("HTTP 429 Too Many Requests", notice.Reason);
        Assert.True(notice.Delay >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_429_during_a_download_is_retried_too()
    {
        var content = TestSupport.Payload(10_000);
        var calls = 0;
        await using var server = new MockHttpServer(r => Interlocked.Increment(ref calls) == 1
            ? MockResponse.Empty(429) with { Headers = [("Retry-After", "0")] }
            : MockResponse.File(content, r));
        using var http = new HttpClient();
        using var client = new GdcClient(http, TestSupport.FastOptions(server.BaseAddress));
        using var dir = new TempDirectory();

        var result = await client.DownloadFileAsync("4f6d3bd6-6a56-4ae4-a5e5-3c0c6de0b1a7", dir.File("f"), content.Length, TestSupport.Md5(content), cancellationToken: Ct);

        Assert.Equal(content, File.ReadAllBytes(result.Path));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Persistent_503s_give_up_after_MaxAttempts_with_the_status()
    {
        await using var server = new MockHttpServer(_ => MockResponse.Text("maintenance", 503));
        using var http = new HttpClient();
        var notices = new List<RetryNotice>();
        using var client = new GdcClient(http, TestSupport.FastOptions(server.BaseAddress, notices.Add));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetClinicalCasesAsync(cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("after 4 tries", error.Message);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal([1, 2, 3], notices.Select(n => n.Failures));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported()
    {
        // A port nothing listens on: take a free one and close it again.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var http = new HttpClient();
        var notices = new List<RetryNotice>();
        using var client = new TciaClient(http, TestSupport.FastOptions(new Uri($"http://127.0.0.1:{port}/"), notices.Add));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetCollectionValuesAsync(Ct));

        Assert.Contains("failed after 4 tries", error.Message);
        Assert.Equal(3, notices.Count);
    }

    [Fact]
    public async Task The_rate_limiter_spaces_requests()
    {
        await using var server = new MockHttpServer(_ => MockResponse.Empty());
        using var http = new HttpClient();
        using var client = new TciaClient(http, TestSupport.FastOptions(server.BaseAddress) with { RateLimiter = null, RequestsPerSecond = 10 });
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 5; i++) await client.GetPatientsAsync("TCGA-BRCA", Ct);

        // The first request is free (burst 1), the next four wait 100 ms each.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(380), $"5 requests at 10/s took only {clock.Elapsed}");
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task The_rate_limiter_lets_a_burst_through_then_holds_the_rate_and_honours_cancellation()
    {
        // 4 per second with a burst of 3: without the burst, three calls would take at least 500 ms.
        var limiter = new RequestRateLimiter(requestsPerSecond: 4, burst: 3);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++) await limiter.WaitAsync(Ct);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(250), $"burst took {clock.Elapsed}");
        for (var i = 0; i < 2; i++) await limiter.WaitAsync(Ct);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"2 more at 4/s took only {clock.Elapsed}");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));
        var slow = new RequestRateLimiter(requestsPerSecond: 0.5);
        await slow.WaitAsync(Ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow.WaitAsync(cancel.Token).AsTask());
    }

    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(3, 2000, 4000)]
    [InlineData(10, 5000, 10000)] // capped at MaxDelay
    public void Back_off_doubles_with_jitter_and_is_capped(int failures, int lowMs, int highMs)
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) };
        Assert.Equal(TimeSpan.FromMilliseconds(lowMs), policy.GetDelay(failures, null, 0.0));
        Assert.Equal(TimeSpan.FromMilliseconds(highMs), policy.GetDelay(failures, null, 1.0));
        var mid = policy.GetDelay(failures, null, 0.5);
        Assert.InRange(mid.TotalMilliseconds, lowMs, highMs);
    }

    [Fact]
    public void Retry_After_is_a_floor_capped_by_MaxRetryAfter()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxRetryAfter = TimeSpan.FromSeconds(30) };
        Assert.Equal(TimeSpan.FromSeconds(7), policy.GetDelay(1, TimeSpan.FromSeconds(7), 0.5));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.GetDelay(1, TimeSpan.FromHours(1), 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(75), policy.GetDelay(1, TimeSpan.Zero, 0.5));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void Only_transient_statuses_are_retried(int status, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient((HttpStatusCode)status));
}
