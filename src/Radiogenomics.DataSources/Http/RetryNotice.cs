namespace Radiogenomics.DataSources;

/// <summary>Told to <see cref="ArchiveClientOptions.OnRetry"/> before each wait, so a front end can say why it is waiting.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Uri">The request, without credentials (tokens travel in headers, never in the URL).</param>
/// <param name="Failures">Consecutive failed tries so far.</param>
/// <param name="Delay">How long the client waits before the next try.</param>
/// <param name="Reason">e.g. "HTTP 503 Service Unavailable" or "IOException: connection reset".</param>
public sealed record RetryNotice(string Method, Uri Uri, int Failures, TimeSpan Delay, string Reason)
{
    public override string ToString() =>
        $"{Method} {Uri} failed ({Reason}); retry {Failures} in {Delay.TotalSeconds:0.0} s";
}
