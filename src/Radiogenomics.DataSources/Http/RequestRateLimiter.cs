namespace Radiogenomics.DataSources;

/// <summary>
/// A token bucket: at most <see cref="RequestsPerSecond"/> requests on average, with short bursts of up to
/// <see cref="Burst"/>. Every try (retries included) takes a token, so a client retrying a struggling server
/// does not hammer it. Share one instance between clients that talk to the same archive.
/// </summary>
public sealed class RequestRateLimiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastRefill;

    public RequestRateLimiter(double requestsPerSecond, int burst = 1, TimeProvider? timeProvider = null)
    {
        if (!(requestsPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "must be positive (use Unlimited for no limit)");
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        RequestsPerSecond = requestsPerSecond;
        Burst = burst;
        _time = timeProvider ?? TimeProvider.System;
        _tokens = burst;
        _lastRefill = _time.GetTimestamp();
    }

    /// <summary>A limiter that never waits.</summary>
    public static RequestRateLimiter Unlimited { get; } = new(double.PositiveInfinity);

    public double RequestsPerSecond { get; }
    public int Burst { get; }

    /// <summary>Waits until a request may be sent. A cancelled wait gives its token back.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (double.IsPositiveInfinity(RequestsPerSecond)) return;
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
            _lastRefill = now;
            _tokens = Math.Min(Burst, _tokens + elapsed * RequestsPerSecond);
            // Taking the token even when it is not there yet (going negative) reserves a place in the queue,
            // so concurrent callers are spaced out instead of all waking at the same moment.
            _tokens -= 1;
            if (_tokens >= 0) return;
            wait = TimeSpan.FromSeconds(-_tokens / RequestsPerSecond);
        }
        try
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate) _tokens += 1;
            throw;
        }
    }
}
