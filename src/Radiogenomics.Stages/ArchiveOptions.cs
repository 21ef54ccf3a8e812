using System.Globalization;
using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The client options of the archive-fetching stages, from their base_url and requests_per_second parameters.</summary>
public static class ArchiveOptions
{
    public static ArchiveClientOptions Create(StageContext context, string baseUrl, double requestsPerSecond) => new()
    {
        BaseAddress = baseUrl is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null,
        RequestsPerSecond = requestsPerSecond,
        OnRetry = notice => context.Log(string.Format(CultureInfo.InvariantCulture, "retrying {0} {1} in {2:0.0} s: {3}",
            notice.Method, notice.Uri, notice.Delay.TotalSeconds, notice.Reason)),
    };
}
