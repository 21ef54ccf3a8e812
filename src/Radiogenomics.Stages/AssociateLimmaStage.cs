using Radiogenomics.Engine.Stages;
using Radiogenomics.Genomics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>associate.limma</c>: radiomic features compared between two patient groups (e.g. ER positive vs negative), as
/// Yu et al. 2024 did with limma: image-level features are aggregated per patient (mean or median), then
/// <c>lmFit</c> on an intercept + group design, <c>eBayes</c> moderation and <c>topTable</c> for the group coefficient
/// (BH-adjusted p-values), reproducing limma 3.54 (see <see cref="EmpiricalBayes"/>).
/// </summary>
public sealed class AssociateLimmaStage : TableStageKind<AssociateLimmaOptions>
{
    public override string Name => "associate.limma";
    public override int Version => 5; // robust; 4: trend; before: R's column names (P.Value, adj.P.Val), input order unless sort_by, named group and reference
    public override string Summary => "Two-group comparison of patient-level radiomic features with limma's moderated t (lmFit, eBayes, topTable).";
    public override IReadOnlyList<string> Consumes => ["features", "clinical"];
    public override IReadOnlyList<string> OptionalConsumes => ["feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
        [new("differences", "one row per radiomic feature, in input order unless sort_by says otherwise, with topTable's columns: logFC (group − reference), AveExpr, t, P.Value, adj.P.Val (BH), B")];

    public override Task RunAsync(StageContext context, AssociateLimmaOptions options, CancellationToken cancellationToken)
    {
        string column = options.GroupColumn;
        var label = ClinicalTable.Read(context.Input("clinical")).Labels(column, "group_column");

        var table = FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null);
        var features = table.Values;
        var kernelOf = features.FeatureNames.Zip(table.Layout.Kernels()).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal);
        var patients = PatientOrder.Of(features.PatientIds).Where(label.ContainsKey).ToList();
        var values = label.Values.Distinct().Order(StringComparer.Ordinal).ToList();
        string reference = options.Reference, group = options.Group;
        if (group == reference)
            throw new DataProblemException(context.Input("clinical"), $"column '{column}'", $"group and reference are both '{group}'", $"choose two different values among: {string.Join(", ", values)}");
        patients = patients.Where(x => label[x] == reference || label[x] == group).ToList();
        int inReference = patients.Count(x => label[x] == reference), inGroup = patients.Count - inReference;
        if (inReference < 2 || inGroup < 2)
            throw new DataProblemException(context.Input("clinical"), $"column '{column}'", $"'{group}' has {inGroup} and '{reference}' has {inReference} imaged patients; limma needs at least 2 in each",
                $"choose group and reference among: {string.Join(", ", values)}");

        var perPatient = PatientAggregation.Aggregate(features, patients, options.Aggregate == PatientStatistic.Median);
        var matrix = ExpressionMatrix.FromRows(features.FeatureNames, patients, perPatient);
        var (design, names) = LinearModel.TwoGroupDesign(patients.Select(x => label[x] == group ? "group" : "reference").ToList(), "reference");
        var moderated = EmpiricalBayes.Moderate(LinearModel.Fit(matrix, design, names), trend: options.Trend, robust: options.Robust);
        var rows = TopTable.ForCoefficient(moderated, 1, options.SortBy switch
        {
            LimmaSortBy.B => TopTableSort.B,
            LimmaSortBy.P => TopTableSort.PValue,
            LimmaSortBy.T => TopTableSort.T,
            LimmaSortBy.LogFC => TopTableSort.LogFC,
            _ => TopTableSort.None,
        });
        ParquetFile.Write(new Table()
            .Add("feature", rows.Select(x => (string?)x.Gene).ToArray())
            .Add("kernel", rows.Select(x => kernelOf[x.Gene]).ToArray())
            .Add("logFC", rows.Select(x => x.LogFC).ToArray())
            .Add("AveExpr", rows.Select(x => x.AveExpr).ToArray())
            .Add("t", rows.Select(x => x.T).ToArray())
            .Add("P.Value", rows.Select(x => x.PValue).ToArray())
            .Add("adj.P.Val", rows.Select(x => x.AdjustedPValue).ToArray())
            .Add("B", rows.Select(x => x.B).ToArray()), context.Output("differences"));
        context.Record("groups", $"{group} ({inGroup} patients) vs {reference} ({inReference} patients); logFC = {group} − {reference}");
        context.Report(1.0, $"{rows.Count(x => x.AdjustedPValue < 0.05)} of {rows.Count} features differ at q < 0.05 between {group} and {reference}");
        return Task.CompletedTask;
    }
}
