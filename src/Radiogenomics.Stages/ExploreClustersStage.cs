using System.Globalization;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>explore.clusters</c>: the seed's Fig. 4a. Patients (patient-mean features, z-scored) clustered by hclust
/// (<see cref="LinkageTree"/>), cut into k clusters (cutree), and each clinical label tested against the clusters with
/// Fisher's exact test (r × c, as fisher.test), BH q over the labels. Writes what the report's clustered heatmap with
/// clinical side bars draws: the dendrogram order, the tree, and the standardised matrix in that order.
/// </summary>
public sealed class ExploreClustersStage : TableStageKind<ExploreClustersOptions>
{
    public override string Name => "explore.clusters";
    public override int Version => 1;
    public override string Summary => "Hierarchical clustering of patients (hclust, cutree) with Fisher's exact enrichment of clinical labels per cluster.";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["clinical"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("assignments", "one row per patient (input order): patient_id, cluster (1..k, numbered as cutree does), then one text column per clinical label"),
        new("enrichment", "one row per clinical label: label, patients (with the label), levels, p (Fisher's exact test of label × cluster), q (BH over labels), table (counts per level and cluster), note"),
        new("order", "the dendrogram's leaf order: position (1-based), patient_id, cluster"),
        new("tree", "hclust's merge and height: step, left, right (−i a patient by input position, +j the cluster of step j), height"),
        new("heatmap", "patient_id, then the standardised features: patients in dendrogram order, features in their own average-linkage order"),
    ];

    public override Task RunAsync(StageContext context, ExploreClustersOptions options, CancellationToken cancellationToken)
    {
        var (patients, names, columns) = PatientStructureInputs.PatientMeans(context.Input("features"));
        int n = patients.Count;
        if (n <= options.Clusters)
            throw new DataProblemException(context.Input("features"), "patients", $"has {n} patients, too few for {options.Clusters} clusters", $"set clusters below {n}");
        var (rows, kept, dropped) = PatientStructureInputs.Rows(names, columns, n, standardize: true);
        if (kept.Count < 2)
            throw new DataProblemException(context.Input("features"), "features", $"has {kept.Count} feature(s) that are complete and vary across patients", "cluster on a table with at least 2 such features");
        if (dropped > 0) context.Record("features_dropped", dropped);
        var labels = PatientStructureInputs.Labels(context, options.Labels, categoricalOnly: true, ownColumns: ["patient_id", "cluster"]);

        context.Report(null, $"clustering {n} patients on {kept.Count:N0} features");
        LinkageTree tree;
        try { tree = LinkageTree.Fit(Dissimilarities.Between(rows, options.Distance), options.Linkage); }
        catch (ArgumentException e) when (options.Distance == DissimilarityMeasure.Correlation)
        {
            throw new DataProblemException(context.Input("features"), "patients", e.Message, "use distance: euclidean");
        }
        var cluster = tree.Cut(options.Clusters);
        var ids = patients.Cast<string?>().ToArray();

        var assignments = new Table().Add("patient_id", ids).Add("cluster", cluster);
        foreach (var (label, values) in labels)
            assignments.Add(label, patients.Select(p => values.TryGetValue(p, out var v) ? v : null).ToArray());
        ParquetFile.Write(assignments, context.Output("assignments"));

        var enrichment = labels.Select(l => Enrichment(l.Name, l.Values, patients, cluster, options.Clusters)).ToList();
        var q = BenjaminiHochberg.Adjust(enrichment.Select(e => e.P ?? double.NaN).ToArray());
        ParquetFile.Write(new Table()
            .Add("label", enrichment.Select(e => (string?)e.Label).ToArray())
            .Add("patients", enrichment.Select(e => e.Patients).ToArray())
            .Add("levels", enrichment.Select(e => e.Levels).ToArray())
            .Add("p", enrichment.Select(e => e.P).ToArray())
            .Add("q", q.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray())
            .Add("table", enrichment.Select(e => (string?)e.Counts).ToArray())
            .Add("note", enrichment.Select(e => e.Note).ToArray()), context.Output("enrichment"));

        var order = tree.Order;
        ParquetFile.Write(new Table()
            .Add("position", Enumerable.Range(1, n).ToArray())
            .Add("patient_id", order.Select(i => ids[i]).ToArray())
            .Add("cluster", order.Select(i => cluster[i]).ToArray()), context.Output("order"));
        ParquetFile.Write(new Table()
            .Add("step", Enumerable.Range(1, n - 1).ToArray())
            .Add("left", Enumerable.Range(0, n - 1).Select(s => tree.Merge[s, 0]).ToArray())
            .Add("right", Enumerable.Range(0, n - 1).Select(s => tree.Merge[s, 1]).ToArray())
            .Add("height", tree.Height.ToArray()), context.Output("tree"));

        var featureOrder = HierarchicalClustering.AverageLinkageOrder(Enumerable.Range(0, kept.Count).Select(k => rows.Select(r => r[k]).ToArray()).ToList());
        var heatmap = new Table().Add("patient_id", order.Select(i => ids[i]).ToArray());
        foreach (int k in featureOrder) heatmap.Add(kept[k], order.Select(i => rows[i][k]).ToArray());
        ParquetFile.Write(heatmap, context.Output("heatmap"));

        int significant = q.Count(v => v < 0.05);
        context.Record("clusters", options.Clusters);
        context.Record("labels_enriched", significant);
        context.Report(1.0, $"{n} patients in {options.Clusters} clusters; {significant} of {enrichment.Count} clinical labels enriched (q < 0.05)");
        return Task.CompletedTask;
    }

    private sealed record LabelEnrichment(string Label, int Patients, int Levels, double? P, string Counts, string? Note);

    private static LabelEnrichment Enrichment(string label, Dictionary<string, string> values, IReadOnlyList<string> patients, int[] cluster, int k)
    {
        var levels = patients.Where(values.ContainsKey).Select(p => values[p]).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = new int[levels.Count, k];
        int total = 0;
        for (int i = 0; i < patients.Count; i++)
            if (values.TryGetValue(patients[i], out var v)) { counts[levels.IndexOf(v), cluster[i] - 1]++; total++; }
        string text = string.Join("; ", levels.Select((l, r) => $"{l}: {string.Join("/", Enumerable.Range(0, k).Select(c => counts[r, c].ToString(CultureInfo.InvariantCulture)))}"));
        if (levels.Count < 2) return new(label, total, levels.Count, null, text, "fewer than 2 levels among the clustered patients: nothing to test");
        try { return new(label, total, levels.Count, FisherExactTest.PValue(counts), text, null); }
        catch (InvalidOperationException e) { return new(label, total, levels.Count, null, text, e.Message); }
    }
}
