using System.Globalization;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Genomics;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Statistics.Coexpression;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>coexpression.modules</c>: WGCNA-style gene modules as Liu et al. 2024 built them, each step equal to Debian's
/// r-cran-wgcna 1.72 — the soft-threshold table (pickSoftThreshold), adjacency and topological overlap (TOMsimilarity),
/// average-linkage clustering of 1 − TOM, the dynamic tree cut (cutreeDynamic, method "tree"), module eigengenes and
/// their Pearson correlations with traits (e.g. a radiomics signature) with Student p-values (corPvalueStudent).
/// Patients are those of the expression table that the trait table also holds.
/// </summary>
public sealed class CoexpressionModulesStage : TableStageKind<CoexpressionModulesOptions>
{
    private static readonly int[] Powers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20];

    public override string Name => "coexpression.modules";
    public override int Version => 1;
    public override string Summary => "WGCNA-style co-expression modules (soft threshold, TOM, dynamic tree cut, eigengenes) and module–trait correlations, equal to R's WGCNA.";
    public override IReadOnlyList<string> Consumes => ["expression", "features"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("soft_threshold", "per power: sft_r2, slope, truncated_r2, mean_k, median_k, max_k (pickSoftThreshold) and whether it was chosen"),
        new("modules", "gene_id, gene_name, module (0: unassigned, 1 the largest), for the genes in the network"),
        new("eigengenes", "patient_id, then one column ME<module> per module"),
        new("module_trait", "per eigengene and trait: n, r (Pearson), p (Student)"),
        .. FigureOutputs.Specs("module_trait_heatmap", "module–trait correlations"),
    ];

    public override Task RunAsync(StageContext context, CoexpressionModulesOptions options, CancellationToken cancellationToken)
    {
        var table = ParquetFile.Read(context.Input("expression"));
        if (!table.Contains("gene_id"))
            throw new DataProblemException(context.Input("expression"), "header", "has no column 'gene_id'", "bind an expression table (gene_id, gene_name, one column per patient)");
        var geneIds = table.GetStrings("gene_id").Select(g => g ?? "").ToArray();
        var symbols = table.Contains("gene_name") ? table.GetStrings("gene_name").Select(g => g ?? "").ToArray() : geneIds;
        var traits = PatientValueTable.Read(context.Input("features"), "features (trait) table", options.Traits);
        var traitPatients = traits.Patients.ToHashSet(StringComparer.Ordinal);
        var patients = table.ColumnNames.Where(c => c is not ("gene_id" or "gene_name" or "gene_type") && traitPatients.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (patients.Count < 10)
            throw new DataProblemException("features (trait) table", "patient_id", $"shares {patients.Count} patients with the expression table; a co-expression network needs at least 10",
                "bind a trait table of the expression table's patients");
        var values = new double[geneIds.Length * patients.Count];
        for (int p = 0; p < patients.Count; p++)
        {
            var column = table.GetNullableDoubles(patients[p]);
            for (int g = 0; g < geneIds.Length; g++)
                values[g * patients.Count + p] = column[g] ?? throw new DataProblemException(context.Input("expression"), $"gene {geneIds[g]}, patient {patients[p]}", "has no value", "fix or drop genes with missing values upstream");
        }
        var expression = new ExpressionMatrix(symbols, patients, values);
        if (options.Counts) expression = ExpressionNormalization.Log2PlusOne(ExpressionNormalization.Cpm(expression));

        // The most variable genes (ties: the earlier gene).
        var variance = Enumerable.Range(0, expression.GeneCount).Select(g => Variance(expression.Row(g))).ToArray();
        var keep = Enumerable.Range(0, expression.GeneCount).Where(g => variance[g] > 0).OrderByDescending(g => variance[g]).Take(options.Genes).Order().ToArray();
        var genes = keep.Select(g => expression.Row(g).ToArray()).ToArray();
        context.Report(0.1, $"{genes.Length} most variable genes × {patients.Count} patients");

        var soft = CoexpressionNetwork.SoftThreshold(genes, Powers, options.Network);
        int power = options.Power;
        if (power == 0)
        {
            var estimate = soft.FirstOrDefault(s => s.ScaleFreeRSquared > options.R2Cut);
            power = estimate?.Power ?? 6;
            if (estimate is null) context.Warn($"no power reaches a scale-free fit R² above {options.R2Cut}; power 6 used (set power: to choose)");
        }
        ParquetFile.Write(new Table()
            .Add("network", soft.Select(_ => (string?)OptionChoices.Spelling(options.Network)).ToArray())
            .Add("power", soft.Select(s => s.Power).ToArray())
            .Add("sft_r2", soft.Select(s => s.ScaleFreeRSquared).ToArray())
            .Add("slope", soft.Select(s => s.Slope).ToArray())
            .Add("truncated_r2", soft.Select(s => s.TruncatedRSquared).ToArray())
            .Add("mean_k", soft.Select(s => s.MeanConnectivity).ToArray())
            .Add("median_k", soft.Select(s => s.MedianConnectivity).ToArray())
            .Add("max_k", soft.Select(s => s.MaxConnectivity).ToArray())
            .Add("chosen", soft.Select(s => s.Power == power).ToArray()), context.Output("soft_threshold"));
        cancellationToken.ThrowIfCancellationRequested();

        context.Report(0.4, $"power {power}: adjacency, topological overlap, clustering");
        var tom = CoexpressionNetwork.TopologicalOverlap(CoexpressionNetwork.Adjacency(genes, power, options.Network));
        for (int i = 0; i < genes.Length; i++) for (int j = 0; j < genes.Length; j++) tom[i, j] = 1 - tom[i, j];
        var tree = LinkageTree.Fit(tom, Linkage.Average);
        var labels = DynamicTreeCut.Tree(tree, options.MinModuleSize, options.DeepSplit);
        ParquetFile.Write(new Table()
            .Add("gene_id", keep.Select(g => (string?)geneIds[g]).ToArray())
            .Add("gene_name", keep.Select(g => (string?)symbols[g]).ToArray())
            .Add("module", labels), context.Output("modules"));

        var eigengenes = ModuleEigengenes.Compute(genes, labels);
        var me = new Table().Add("patient_id", patients.Select(p => (string?)p).ToArray());
        foreach (var (module, v) in eigengenes) me.Add($"ME{module}", v);
        ParquetFile.Write(me, context.Output("eigengenes"));

        // Module–trait correlations on the patients with the trait.
        var traitIndex = traits.Patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var rows = new List<(string Eigengene, string Trait, int N, double R, double P)>();
        foreach (var (module, v) in eigengenes)
            for (int t = 0; t < traits.Names.Count; t++)
            {
                var with = Enumerable.Range(0, patients.Count).Where(p => !double.IsNaN(traits.Columns[t][traitIndex[patients[p]]])).ToArray();
                var y = with.Select(p => traits.Columns[t][traitIndex[patients[p]]]).ToArray();
                if (with.Length < 3 || y.Distinct().Count() < 2) { rows.Add(($"ME{module}", traits.Names[t], with.Length, double.NaN, double.NaN)); continue; }
                var test = PearsonCorrelation.Test(with.Select(p => v[p]).ToArray(), y);
                rows.Add(($"ME{module}", traits.Names[t], with.Length, test.Estimate, test.PValue));
            }
        ParquetFile.Write(new Table()
            .Add("eigengene", rows.Select(r => (string?)r.Eigengene).ToArray())
            .Add("trait", rows.Select(r => (string?)r.Trait).ToArray())
            .Add("n", rows.Select(r => r.N).ToArray())
            .Add("r", rows.Select(r => double.IsNaN(r.R) ? (double?)null : r.R).ToArray())
            .Add("p", rows.Select(r => double.IsNaN(r.P) ? (double?)null : r.P).ToArray()), context.Output("module_trait"));

        var grid = new double[eigengenes.Count, traits.Names.Count];
        for (int m = 0; m < eigengenes.Count; m++) for (int t = 0; t < traits.Names.Count; t++) grid[m, t] = rows[m * traits.Names.Count + t].R;
        var heatmap = new HeatmapChart(grid)
        {
            Title = "Module–trait correlations", RowLabels = eigengenes.Select(e => $"ME{e.Module}").ToArray(), ColumnLabels = traits.Names.ToArray(),
            ColorBarLabel = "Pearson r", Colormap = Colormap.BlueWhiteRed, Minimum = -1, Maximum = 1,
        };
        foreach (var path in FigureOutputs.Paths(context, "module_trait_heatmap")) heatmap.Save(path);

        int modules = labels.Where(l => l > 0).Distinct().Count();
        context.Record("power", power);
        context.Record("genes", genes.Length);
        context.Record("modules", modules);
        context.Headline(string.Format(CultureInfo.InvariantCulture, "{0} modules among {1} genes (power {2}, {3}), {4} genes unassigned",
            modules, genes.Length, power, OptionChoices.Spelling(options.Network), labels.Count(l => l == 0)));
        return Task.CompletedTask;
    }

    private static double Variance(ReadOnlySpan<double> x)
    {
        double m = 0;
        foreach (double v in x) m += v;
        m /= x.Length;
        double s = 0;
        foreach (double v in x) s += (v - m) * (v - m);
        return s / (x.Length - 1);
    }
}
