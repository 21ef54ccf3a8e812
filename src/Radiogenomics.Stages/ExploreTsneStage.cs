using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>explore.tsne</c>: exact t-SNE (as Rtsne with theta = 0, seeded) of patients (patient-mean features) and of
/// images, each level its own map, with the clinical labels copied onto each point for colouring.
/// </summary>
public sealed class ExploreTsneStage : TableStageKind<ExploreTsneOptions>
{
    public override string Name => "explore.tsne";
    public override int Version => 1;
    public override string Summary => "Exact t-SNE (Rtsne, theta = 0) of patients (patient-mean features) and images, with clinical labels for colouring.";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
        [new("embedding", "one row per point: id (patient or image), level (patient or image), patient_id, x, y, then one text column per clinical label")];

    public override Task RunAsync(StageContext context, ExploreTsneOptions options, CancellationToken cancellationToken)
    {
        var labels = PatientStructureInputs.Labels(context, options.Labels, categoricalOnly: true, ownColumns: ["id", "level", "patient_id", "x", "y"]);
        var tsne = new TsneOptions
        {
            Perplexity = options.Perplexity, MaxIterations = options.Iterations, Pca = options.Pca,
            InitialDimensions = options.InitialDims, Seed = options.Seed,
        };
        var levels = new List<(string Level, string?[] Ids, string?[] Patients, IReadOnlyList<string> Names, double[][] Columns)>();
        if (options.Levels is EmbeddingLevels.Both or EmbeddingLevels.Patients)
        {
            var (patients, names, columns) = PatientStructureInputs.PatientMeans(context.Input("features"));
            var ids = patients.Cast<string?>().ToArray();
            levels.Add(("patient", ids, ids, names, columns));
        }
        if (options.Levels is EmbeddingLevels.Both or EmbeddingLevels.Images && PatientStructureInputs.ImageLevel(context.Input("features")) is { } images)
            levels.Add(("image", images.ImageIds, images.PatientIds, images.FeatureNames, images.Columns));
        if (levels.Count == 0)
            throw new DataProblemException(context.Input("features"), "features", "is patient-level (one row per patient), so there are no images to embed",
                "set levels: patients (or both)");

        var id = new List<string?>();
        var level = new List<string?>();
        var patient = new List<string?>();
        var x = new List<double>();
        var y = new List<double>();
        foreach (var (name, ids, patientIds, featureNames, columns) in levels)
        {
            int n = ids.Length;
            if (n - 1 < 3 * options.Perplexity)
                throw new DataProblemException(context.Input("features"), $"{name} level", $"has {n} {name}s, too few for perplexity {options.Perplexity} (t-SNE needs {name}s − 1 ≥ 3 × perplexity)",
                    $"set perplexity to at most {Math.Floor((n - 1) / 3.0)}" + (name == "patient" ? "" : ", or levels: patients"));
            if (n > Tsne.MaxPoints)
                throw new DataProblemException(context.Input("features"), $"{name} level", $"has {n:N0} {name}s, more than exact t-SNE handles ({Tsne.MaxPoints:N0})",
                    name == "image" ? "set levels: patients" : "embed a subset of patients");
            var (rows, kept, dropped) = PatientStructureInputs.Rows(featureNames, columns, n, options.Standardize);
            if (kept.Count == 0)
                throw new DataProblemException(context.Input("features"), $"{name} level", "has no feature that is complete and varies", "check the feature table (every feature is missing somewhere or constant)");
            if (dropped > 0) context.Record($"{name}_features_dropped", dropped);
            context.Report(null, $"{name}s: exact t-SNE of {n:N0} points × {kept.Count:N0} features");
            var result = Tsne.Embed(rows, tsne, cancellationToken: cancellationToken);
            context.Record($"{name}_kl_divergence", result.KullbackLeibler);
            for (int i = 0; i < n; i++)
            {
                id.Add(ids[i]);
                level.Add(name);
                patient.Add(patientIds[i]);
                x.Add(result.Embedding[i][0]);
                y.Add(result.Embedding[i][1]);
            }
        }

        var table = new Table()
            .Add("id", id.ToArray()).Add("level", level.ToArray()).Add("patient_id", patient.ToArray())
            .Add("x", x.ToArray()).Add("y", y.ToArray());
        foreach (var (label, values) in labels)
            table.Add(label, patient.Select(p => p is not null && values.TryGetValue(p, out var v) ? v : null).ToArray());
        ParquetFile.Write(table, context.Output("embedding"));
        context.Report(1.0, $"{string.Join(" and ", levels.Select(l => $"{l.Ids.Length:N0} {l.Level}s"))} embedded");
        return Task.CompletedTask;
    }
}
