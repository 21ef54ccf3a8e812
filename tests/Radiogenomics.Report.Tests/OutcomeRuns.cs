using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Stages;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// Two archived runs through the real engine for the outcome sections, made once: a classify run (lasso with a
/// permutation control, the same lasso under split: image, a nomogram fusing it with clinical covariates,
/// evaluate.classifiers over the three, and a classify stage whose label column does not exist, so it fails after the
/// others) and a survive run (Cox model with a subgroup analysis, KM by the median risk, td-ROC). The cohort is small
/// and simulated: 80 patients × 2 images × 6 features; the label and the hazard follow feature f0's patient mean.
/// </summary>
public sealed class OutcomeRuns : IDisposable
{
    public const string ClassifyWorkflow = """
        workflow: report-classify
        stages:
          - id: tables
            uses: fetch.tables
            inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}
          - id: rad
            uses: classify.lasso
            needs: [tables]
            params: {label: signal, permutations: 5}
          - id: rad_leaky
            uses: classify.lasso
            needs: [tables]
            params: {label: signal, split: image}
          - id: nomo
            uses: classify.nomogram
            needs: [tables, rad]
            inputs: {predictions: rad.predictions}
            params: {label: signal, covariates: [stage, age]}
          - id: evaluate
            uses: evaluate.classifiers
            needs: [rad, rad_leaky, nomo]
            inputs: {predictions: rad.predictions, predictions_2: rad_leaky.predictions, predictions_3: nomo.predictions, null_auc: rad.permutation}
          - id: bad_label
            uses: classify.lasso
            needs: [tables, evaluate]   # after evaluate, so the failure cannot stop it
            params: {label: no_such_column}
        """;

    public const string SurviveWorkflow = """
        workflow: report-survive
        stages:
          - id: tables
            uses: fetch.tables
            inputs: {features: features.csv, genomics: genes.tsv, survival: survival.tsv}
          - id: cox
            uses: survive.cox
            needs: [tables]
            params: {covariates: [f0, age], subgroups: [er_status], subgroup_exposure: f0, screen: none}
          - id: km
            uses: survive.km
            needs: [tables, cox]
            params: {group_by: risk, cut: median, times: [0, 500, 1000, 1500], time_label: days}
          - id: td
            uses: survive.evaluate
            needs: [cox]
            params: {times: [300, 600], tau: 900}
        """;

    public OutcomeRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), "rg-report-outcomes-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        WriteCohort();
        File.WriteAllText(Path.Combine(Root, "classify.yaml"), ClassifyWorkflow);
        File.WriteAllText(Path.Combine(Root, "survive.yaml"), SurviveWorkflow);
        Classify = Run("classify.yaml");
        Survive = Run("survive.yaml");
    }

    public string Root { get; }
    public RunReport Classify { get; }
    public RunReport Survive { get; }

    private void WriteCohort()
    {
        var rng = new Random(15);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        const int patients = 80, images = 2, p = 6;
        var features = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n");
        var clinical = new StringBuilder("patient_id\tsignal\tstage\tage\n");
        var survival = new StringBuilder("patient_id\tOS.time\tOS\tage\ter_status\n");
        var genes = new StringBuilder("patient_id\tG1\n");
        for (int i = 0; i < patients; i++)
        {
            var profile = Enumerable.Range(0, p).Select(_ => Normal()).ToArray();
            double latent = profile[0] + 0.8 * Normal();
            string stage = (latent + Normal()) switch { < -0.7 => "I", < 0.7 => "II", _ => "III" };
            double age = Math.Round(55 + 10 * Normal());
            string er = rng.NextDouble() < 0.6 ? "Positive" : "Negative";
            double hazard = 0.001 * Math.Exp(0.9 * profile[0]);
            double eventTime = -Math.Log(1 - rng.NextDouble()) / hazard, censor = 300 + 2000 * rng.NextDouble();
            clinical.Append(CultureInfo.InvariantCulture, $"P{i:000}\t{(latent > 0 ? 1 : 0)}\t{stage}\t{age}\n");
            survival.Append(CultureInfo.InvariantCulture, $"P{i:000}\t{Math.Ceiling(Math.Min(eventTime, censor))}\t{(eventTime <= censor ? 1 : 0)}\t{age}\t{er}\n");
            genes.Append(CultureInfo.InvariantCulture, $"P{i:000}\t{Normal():R}\n");
            for (int m = 0; m < images; m++)
                features.Append(CultureInfo.InvariantCulture, $"P{i:000}-{m},P{i:000},{string.Join(",", profile.Select(v => (v + 0.3 * Normal()).ToString("R", CultureInfo.InvariantCulture)))}\n");
        }
        File.WriteAllText(Path.Combine(Root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(Root, "clinical.tsv"), clinical.ToString());
        File.WriteAllText(Path.Combine(Root, "survival.tsv"), survival.ToString());
        File.WriteAllText(Path.Combine(Root, "genes.tsv"), genes.ToString());
    }

    private RunReport Run(string workflow)
    {
        var engine = new WorkflowEngine(new Workspace(Root), StageCatalog.CreateRegistry(), software: StageCatalog.Software());
        return engine.RunAsync(engine.Load(Path.Combine(Root, workflow)), new RunRequest()).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
