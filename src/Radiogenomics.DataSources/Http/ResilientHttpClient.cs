using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;

namespace Radiogenomics.DataSources;

/// <summary>
/// The one place requests go out: rate limit, per-try timeout, retries with back-off on transient failures
/// (honouring Retry-After), and error messages that name the request and quote the server's answer.
/// </summary>
public sealed class ResilientHttpClient : IDisposable
{
    private const int ErrorBodyQuoteChars = 500;
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Action<HttpRequestMessage>? _configure;

    /// <param name="httpClient">The client to send through; its BaseAddress is not used.</param>
    /// <param name="options">Retry, rate and timeout settings.</param>
    /// <param name="configureRequest">Adds archive-specific headers (e.g. auth) to every request.</param>
    /// <param name="ownsClient">Dispose <paramref name="httpClient"/> with this object.</param>
    public ResilientHttpClient(HttpClient httpClient, ArchiveClientOptions? options = null,
        Action<HttpRequestMessage>? configureRequest = null, bool ownsClient = false)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        Options = options ?? new ArchiveClientOptions();
        RateLimiter = Options.RateLimiter ?? new RequestRateLimiter(Options.RequestsPerSecond);
        _configure = configureRequest;
        _ownsClient = ownsClient;
    }

    public ArchiveClientOptions Options { get; }
    public RequestRateLimiter RateLimiter { get; }

    /// <summary>
    /// An HttpClient suited to archive downloads: no automatic decompression (byte ranges must refer to the bytes
    /// on disk), connections recycled every few minutes (DNS changes), and no overall timeout (per-try and idle
    /// timeouts are applied here instead, so a large download is not killed for being large).
    /// </summary>
    public static HttpClient CreateDefaultHttpClient() =>
        new(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>
    /// Sends a request, retrying transient failures. Returns a successful response, or one whose status
    /// <paramref name="accept"/> lets through; any other status throws <see cref="HttpRequestException"/> (with
    /// <see cref="HttpRequestException.StatusCode"/> set) — at once if it is not transient, else once retries run out.
    /// </summary>
    /// <param name="createRequest">Builds a fresh request for every try (a request message can be sent only once).</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, HttpCompletionOption completion,
        CancellationToken cancellationToken, Func<HttpStatusCode, bool>? accept = null)
    {
        var policy = Options.Retry;
        for (var failures = 0; ; )
        {
            await RateLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var request = createRequest();
            request.Headers.UserAgent.TryParseAdd(Options.UserAgent);
            _configure?.Invoke(request);

            string reason;
            TimeSpan? retryAfter = null;
            Exception? error = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Options.RequestTimeout);
                HttpResponseMessage? response = null;
                try
                {
                    response = await _http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (IsTransient(e))
                {
                    error = e is OperationCanceledException
                        ? new TimeoutException($"{request.Method} {request.RequestUri} got no response within {Options.RequestTimeout.TotalSeconds:0} s", e)
                        : e;
                }

                if (response is not null)
                {
                    if (response.IsSuccessStatusCode || accept?.Invoke(response.StatusCode) == true) return response;
                    if (!RetryPolicy.IsTransient(response.StatusCode) || failures + 1 >= policy.MaxAttempts)
                    {
                        using (response) throw await CreateErrorAsync(request, response, failures + 1, cancellationToken).ConfigureAwait(false);
                    }
                    retryAfter = GetRetryAfter(response.Headers.RetryAfter);
                    reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    response.Dispose();
                }
                else
                {
                    reason = $"{error!.GetType().Name}: {error.Message}";
                }
            }

            failures++;
            if (failures >= policy.MaxAttempts)
                throw new HttpRequestException($"{request.Method} {request.RequestUri} failed after {failures} tries; last error: {reason}", error);
            await BackOffAsync(request.Method.Method, request.RequestUri!, failures, retryAfter, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET and return the body as text (an empty body gives "").</summary>
    public async Task<string> GetStringAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST a JSON body and return the response body as text.</summary>
    public async Task<string> PostJsonAsync(Uri uri, string json, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells <see cref="ArchiveClientOptions.OnRetry"/> and waits the policy's delay.</summary>
    internal async Task BackOffAsync(string method, Uri uri, int failures, TimeSpan? retryAfter, string reason, CancellationToken cancellationToken)
    {
        var delay = Options.Retry.GetDelay(failures, retryAfter, Random.Shared.NextDouble());
        Options.OnRetry?.Invoke(new RetryNotice(method, uri, failures, delay, reason));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Network-level failures worth another try; certificate problems and the like are not.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => true, // our per-try timeout; the caller's own cancellation is filtered out before this
        _ => false,
    };

    private static TimeSpan? GetRetryAfter(RetryConditionHeaderValue? header)
    {
        if (header is null) return null;
        if (header.Delta is { } delta) return delta;
        if (header.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private static async Task<HttpRequestException> CreateErrorAsync(HttpRequestMessage request, HttpResponseMessage response, int tries, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            body = "";
        }
        body = body.Trim();
        if (body.Length > ErrorBodyQuoteChars) body = body[..ErrorBodyQuoteChars] + "…";
        var triesText = tries > 1 ? $" after {tries} tries" : "";
        var quoted = body.Length > 0 ? $": {body}" : "";
        return new HttpRequestException(
            $"{request.Method} {request.RequestUri} returned HTTP {(int)response.StatusCode} {response.ReasonPhrase}{triesText}{quoted}",
            null, response.StatusCode);
    }

    public void Dispose()
    {
        if (_ownsClient) _http.Dispose();
    }
}
