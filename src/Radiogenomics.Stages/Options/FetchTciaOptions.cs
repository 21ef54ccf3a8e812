using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>fetch.tcia</c>.</summary>
public sealed record FetchTciaOptions
{
    public const string PublicArchive = "https://services.cancerimagingarchive.net/nbia-api/services/v4/";

    [Option("TCIA collection")]
    public string Collection { get; init; } = "TCGA-BRCA";

    [Option("modality filter for getSeries")]
    public string Modality { get; init; } = "MR";

    [Option("only these PatientIDs (empty = every patient of the collection)")]
    public IReadOnlyList<string> Patients { get; init; } = [];

    [Option("workspace folder for the DICOM files (kept; a series already there is not fetched again)")]
    public string Directory { get; init; } = "data/tcia";

    [Option("fetch at most this many series (0 = all)", Minimum = 0)]
    public int MaxSeries { get; init; }

    [Option("bad DICOM files: fail, or skip them (listed in the errors table)")]
    public OnError OnError { get; init; } = OnError.Fail;

    [Option($"API root; empty uses the public archive ({PublicArchive}); a mirror or a test server otherwise")]
    public string BaseUrl { get; init; } = "";

    [Option("politeness limit for API calls and downloads", Minimum = 0.1, Maximum = 100)]
    public double RequestsPerSecond { get; init; } = 5;
}
