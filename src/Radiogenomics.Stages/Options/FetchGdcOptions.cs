using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>fetch.gdc</c>.</summary>
public sealed record FetchGdcOptions
{
    public const string PublicArchive = "https://api.gdc.cancer.gov/";

    [Option("GDC project id")]
    public string Project { get; init; } = "TCGA-BRCA";

    [Option("keep only primary tumour samples (TCGA sample type 01)")]
    public bool PrimaryTumorOnly { get; init; } = true;

    [Option("workspace folder for downloaded files (kept; an interrupted download resumes)")]
    public string Directory { get; init; } = "data/gdc";

    [Option("download at most this many files (0 = all), to try a workflow quickly", Minimum = 0)]
    public int MaxFiles { get; init; }

    [Option($"API root; empty uses the public archive ({PublicArchive}); a mirror or a test server otherwise")]
    public string BaseUrl { get; init; } = "";

    [Option("politeness limit for API calls and downloads", Minimum = 0.1, Maximum = 100)]
    public double RequestsPerSecond { get; init; } = 5;
}
