namespace Radiogenomics.DataSources;

/// <summary>Settings shared by <see cref="TciaClient"/> and <see cref="GdcClient"/>.</summary>
public sealed record ArchiveClientOptions
{
    /// <summary>The API root; null means the archive's public default. Must end with '/' to be used as a base.</summary>
    public Uri? BaseAddress { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Average request rate when no <see cref="RateLimiter"/> is given. Neither archive publishes a limit;
    /// a few per second keeps us well-behaved and is far below what metadata listing needs.</summary>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>A limiter to share between clients of the same archive; overrides <see cref="RequestsPerSecond"/>.</summary>
    public RequestRateLimiter? RateLimiter { get; init; }

    /// <summary>Limit for one try: until the response headers for downloads, the whole body for listings.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>A download whose body delivers nothing for this long is treated as a dropped connection (and resumed).</summary>
    public TimeSpan ReadIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Token for controlled data: GDC sends it as X-Auth-Token, TCIA as a bearer token. Off by default;
    /// both archives serve TCGA-BRCA openly.</summary>
    public string? AuthToken { get; init; }

    /// <summary>Called before each back-off wait (from whatever thread made the request).</summary>
    public Action<RetryNotice>? OnRetry { get; init; }

    public string UserAgent { get; init; } = "Radiogenomics.DataSources/0.1";
}
