using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>predict.linear</c>: every target column predicted from the genomic features by ordinary least squares equal to
/// <c>lm</c> (aliased predictors dropped as lm drops them: with more predictors than training patients only the first
/// that span them are used); held-out predictions of K-fold patient cross-validation.
/// </summary>
public sealed class PredictLinearStage : TableStageKind<PredictLinearOptions>
{
    public override string Name => "predict.linear";
    public override int Version => 2; // 2: expression tables as predictors (top_genes)
    public override string Summary => "Ordinary least squares (lm-equal) predicting each target column from genomic features or genes, K-fold patient CV.";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["genomic", "expression", "clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "held-out predictions: patient_id, fold, target, observed, predicted, model"),
    ];

    public override Task RunAsync(StageContext context, PredictLinearOptions options, CancellationToken cancellationToken)
    {
        int warned = 0;
        var rows = HeldOutRegression.Run(context, options.Targets, options.Folds, options.FoldColumn, options.Seed, options.Model, options.TopGenes,
            (trainX, trainY, target, fold) =>
            {
                var fit = OrdinaryLeastSquares.Fit(trainX, trainY);
                if (fit.Rank < trainX.Length + 1 && Interlocked.Exchange(ref warned, 1) == 0)
                    context.Warn($"rank-deficient design ({trainX.Length} predictors, rank {fit.Rank} with {trainY.Length} training patients); aliased predictors are left out as lm leaves them out");
                return fit.Predict;
            }, cancellationToken);
        RegressionPredictions.Write(context.Output("predictions"), rows);
        context.Record("targets", rows.Select(r => r.Target).Distinct().Count());
        context.Record("patients", rows.Select(r => r.PatientId).Distinct().Count());
        context.Headline(HeldOutRegression.Summary(rows));
        return Task.CompletedTask;
    }
}
