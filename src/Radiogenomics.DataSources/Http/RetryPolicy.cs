using System.Net;

namespace Radiogenomics.DataSources;

/// <summary>
/// When and how long to wait before trying a request again. Failures that may go away on their own are retried:
/// HTTP 408, 429 and 5xx (except 501/505, which never will), dropped connections and timeouts.
/// </summary>
public sealed record RetryPolicy
{
    public static RetryPolicy Default { get; } = new();

    /// <summary>Tries in all for one request (the first included). For downloads it counts consecutive tries that
    /// received no new bytes, since a try that made progress is not a failure of the kind back-off is for.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Wait after the first failure; it doubles with each further failure up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest Retry-After the client will honour; a server asking for more gets this much.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The wait before the next try. Exponential back-off with "equal jitter" (half fixed, half random) so clients
    /// that failed together do not retry together, yet never retry at once. A Retry-After from the server is a
    /// floor: we never come back sooner than it asked.
    /// </summary>
    /// <param name="failures">How many tries have failed so far (1 after the first failure).</param>
    /// <param name="retryAfter">The server's Retry-After, if it sent one.</param>
    /// <param name="jitter">A uniform sample in [0, 1).</param>
    public TimeSpan GetDelay(int failures, TimeSpan? retryAfter, double jitter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var backoff = ceiling / 2 + ceiling / 2 * Math.Clamp(jitter, 0, 1);
        if (retryAfter is { } asked)
        {
            var floor = Math.Clamp(asked.TotalMilliseconds, 0, MaxRetryAfter.TotalMilliseconds);
            backoff = Math.Max(backoff, floor);
        }
        return TimeSpan.FromMilliseconds(backoff);
    }

    /// <summary>Whether a response with this status is worth another try.</summary>
    public static bool IsTransient(HttpStatusCode status) => (int)status switch
    {
        408 or 429 => true,
        501 or 505 => false,
        >= 500 and <= 599 => true,
        _ => false,
    };
}
