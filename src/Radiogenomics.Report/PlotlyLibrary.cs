using System.Reflection;

namespace Radiogenomics.Report;

/// <summary>
/// Plotly.js's cartesian bundle (plotly.js-cartesian-dist-min: heatmaps, scatter and bar charts), embedded in this
/// assembly at build time (build.sh fetched it from the npm registry and checked its SHA-512 against the registry's
/// dist.integrity), so a report inlines it and needs no network when opened.
/// </summary>
public static class PlotlyLibrary
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PlotlyLibrary).Assembly.GetManifestResourceStream("plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in Radiogenomics.Report; rebuild after ./build.sh has fetched it");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Package and version, e.g. "plotly.js-cartesian-dist-min 4.1.1".</summary>
    public static string Version { get; } = typeof(PlotlyLibrary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "PlotlyVersion").Value!;

    /// <summary>The minified library, with any "&lt;/script" escaped so it can sit inside a script element.</summary>
    public static string InlineScript => Script.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
