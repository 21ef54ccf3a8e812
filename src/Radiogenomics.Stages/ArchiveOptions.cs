using System.Globalization;
using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Parameters every archive-fetching stage shares (base URL, request rate) and the client options they make.</summary>
public static class ArchiveOptions
{
    public static ParameterSpec[] Parameters(string defaultUrl) =>
    [
        ParameterSpec.String("base_url", "", $"API root; empty uses the public archive ({defaultUrl}); a mirror or a test server otherwise"),
        ParameterSpec.Number("requests_per_second", 5, "politeness limit for API calls and downloads") with { Minimum = 0.1, Maximum = 100 },
    ];

    public static ArchiveClientOptions Create(StageContext context) => new()
    {
        BaseAddress = context.Parameters.GetString("base_url") is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null,
        RequestsPerSecond = context.Parameters.GetNumber("requests_per_second"),
        OnRetry = notice => context.Log(string.Format(CultureInfo.InvariantCulture, "retrying {0} {1} in {2:0.0} s: {3}",
            notice.Method, notice.Uri, notice.Delay.TotalSeconds, notice.Reason)),
    };
}
