namespace Radiogenomics.Statistics.Tests;

/// <summary>The LMM golden data: image-level responses, patient-level covariates and the R reference fits.</summary>
internal sealed class LmmGolden
{
    public static LmmGolden Instance => Lazy.Value;
    private static readonly Lazy<LmmGolden> Lazy = new(() => new LmmGolden());

    public Dictionary<int, string> Descriptions { get; } = new();
    public Dictionary<int, PatientSummary> Summaries { get; } = new();
    public Dictionary<int, List<string>> CovariateNames { get; } = new();
    public Dictionary<(int Dataset, string Covariate), double[]> Covariates { get; } = new();
    public Dictionary<(int Dataset, string Covariate, string Reference), Dictionary<string, string>> Expected { get; } = new();

    private LmmGolden()
    {
        foreach (var row in Golden.Read("lmm_datasets.csv"))
            Descriptions[int.Parse(row["dataset"])] = row["description"];

        var images = new Dictionary<int, (List<double> Y, List<int> Patient)>();
        foreach (var row in Golden.Read("lmm_images.csv"))
        {
            int ds = int.Parse(row["dataset"]);
            if (!images.TryGetValue(ds, out var lists)) images[ds] = lists = (new List<double>(), new List<int>());
            lists.Y.Add(Golden.Number(row["y"]));
            lists.Patient.Add(int.Parse(row["patient"]) - 1);
        }
        foreach (var (ds, lists) in images)
            Summaries[ds] = PatientSummary.FromImages(lists.Y.ToArray(), lists.Patient.ToArray(), lists.Patient.Max() + 1);

        foreach (var row in Golden.Read("lmm_covariates.csv"))
        {
            int ds = int.Parse(row["dataset"]);
            string cv = row["covariate"];
            if (!Covariates.TryGetValue((ds, cv), out var x))
            {
                Covariates[(ds, cv)] = x = new double[Summaries[ds].PatientCount];
                if (!CovariateNames.TryGetValue(ds, out var names)) CovariateNames[ds] = names = new List<string>();
                names.Add(cv);
            }
            x[int.Parse(row["patient"]) - 1] = Golden.Number(row["x"]);
        }

        foreach (var row in Golden.Read("lmm_expected.csv"))
            Expected[(int.Parse(row["dataset"]), row["covariate"], row["reference"])] = row;
    }
}
