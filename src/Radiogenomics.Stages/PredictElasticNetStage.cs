using System.Collections.Concurrent;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>predict.elastic_net</c>: every target column (e.g. MRI morphology features) predicted from the genomic features
/// by a Gaussian elastic net equal to <c>glmnet</c>, tuned over α × λ by cross-validation inside each training set
/// (Smedley &amp; Hsu 2018's linear baseline); held-out predictions of K-fold patient cross-validation.
/// </summary>
public sealed class PredictElasticNetStage : TableStageKind<PredictElasticNetOptions>
{
    public override string Name => "predict.elastic_net";
    public override int Version => 2; // 2: expression tables as predictors (top_genes)
    public override string Summary => "Gaussian elastic net (glmnet-equal, α × λ grid tuned in inner folds) predicting each target column from genomic features or genes, K-fold patient CV.";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["genomic", "expression", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions: patient_id, fold, target, observed, predicted, model"),
        new("selection", "per target and outer fold: the chosen alpha and lambda, their inner cross-validated MSE, non-zero coefficients"),
    ];

    public override Task RunAsync(StageContext context, PredictElasticNetOptions options, CancellationToken cancellationToken)
    {
        if (options.Alphas.Count == 0 || options.Alphas.Any(a => !(a >= 0 && a <= 1)))
            throw new DataProblemException(context.StageId, "alphas", "must list values in [0, 1]", "e.g. alphas: [0.1, 0.5, 1]");
        var glmnet = new GaussianElasticNetOptions { LambdaCount = options.Nlambda };
        bool oneSe = options.LambdaRule switch { LambdaRule.LambdaMin => false, LambdaRule.LambdaOneSe => true };
        var chosen = new ConcurrentBag<(string Target, int Fold, ElasticNetGridChoice Choice)>();
        var rows = HeldOutRegression.Run(context, options.Targets, options.Folds, options.FoldColumn, options.Seed, options.Model, options.TopGenes,
            (trainX, trainY, target, fold) =>
            {
                if (trainY.Length < 2 * options.InnerFolds)
                    throw new DataProblemException("features (targets) table", $"column '{target}'", $"has {trainY.Length} training patients in fold {fold}, too few for {options.InnerFolds} inner folds",
                        "use fewer inner_folds, or more patients");
                // Inner folds seeded by the stage seed, the target's name and the outer fold: reproducible in any order.
                var random = new Random(unchecked(options.Seed * 1_000_003 + StableHash(target) * 31 + fold));
                var inner = StratifiedFolds.Assign(new double[trainY.Length], options.InnerFolds, random);
                var choice = ElasticNetGrid.Select(trainX, trainY, options.Alphas, inner, glmnet, oneSe);
                chosen.Add((target, fold, choice));
                return choice.Predict;
            }, cancellationToken);
        RegressionPredictions.Write(context.Output("predictions"), rows);
        var sel = chosen.OrderBy(c => c.Target, StringComparer.Ordinal).ThenBy(c => c.Fold).ToList();
        ParquetFile.Write(new Table()
            .Add("target", sel.Select(c => (string?)c.Target).ToArray())
            .Add("fold", sel.Select(c => c.Fold).ToArray())
            .Add("alpha", sel.Select(c => c.Choice.Alpha).ToArray())
            .Add("lambda", sel.Select(c => c.Choice.Lambda).ToArray())
            .Add("cv_mse", sel.Select(c => c.Choice.CvMse).ToArray())
            .Add("nonzero", sel.Select(c => c.Choice.NonZero).ToArray()), context.Output("selection"));
        context.Record("targets", rows.Select(r => r.Target).Distinct().Count());
        context.Record("patients", rows.Select(r => r.PatientId).Distinct().Count());
        context.Headline(HeldOutRegression.Summary(rows));
        return Task.CompletedTask;
    }

    /// <summary>FNV-1a of the text: string.GetHashCode is randomised per process.</summary>
    private static int StableHash(string text)
    {
        uint h = 2166136261;
        foreach (char c in text) { h ^= c; h *= 16777619; }
        return (int)h;
    }
}
