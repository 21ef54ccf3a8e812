using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Patient-level expression profiles from a <c>genomic</c> table (patient_id, one numeric column per gene or genomic
/// feature): patients in ordinal order, and the columns without a missing value (the others are left out and counted).
/// </summary>
internal sealed record ExpressionProfiles(string[] Patients, string[] Features, double[][] Values, int DroppedFeatures)
{
    public static ExpressionProfiles Read(string path)
    {
        var table = ParquetFile.Read(path);
        if (!table.Contains("patient_id"))
            throw new DataProblemException("genomic table", "header", "has no column 'patient_id'", "bind a patient-level genomic table (fetch.tables or genomics.features)");
        var ids = table.GetStrings("patient_id");
        var order = Enumerable.Range(0, ids.Length).Where(i => ids[i] is not null).OrderBy(i => ids[i], StringComparer.Ordinal).ToArray();
        for (int k = 1; k < order.Length; k++)
            if (ids[order[k]] == ids[order[k - 1]])
                throw new DataProblemException("genomic table", $"patient '{ids[order[k]]}'", "has two rows", "keep one expression profile per patient");
        var features = new List<string>();
        var columns = new List<double[]>();
        int dropped = 0;
        foreach (var name in table.ColumnNames.Where(c => c != "patient_id"))
        {
            if (table[name].Type == ColumnType.String) { dropped++; continue; }
            var numbers = SurvivalCovariates.Numbers(table, name);
            var values = order.Select(i => numbers[i]).ToArray();
            if (values.Any(v => !double.IsFinite(v))) { dropped++; continue; }
            features.Add(name);
            columns.Add(values);
        }
        if (features.Count == 0)
            throw new DataProblemException("genomic table", "columns", "has no numeric column without missing values", "give expression values for every patient");
        var rows = Enumerable.Range(0, order.Length).Select(p => columns.Select(c => c[p]).ToArray()).ToArray();
        return new ExpressionProfiles(order.Select(i => ids[i]!).ToArray(), features.ToArray(), rows, dropped);
    }

    /// <summary>
    /// Profiles from an <c>expression</c> table (gene_id, gene_name, gene_type, one count column per patient) as
    /// log2(CPM + 1), CPM over every gene of the sample; then either the named genes (a pretrained encoder's, in its
    /// order) or, among the expressed genes (mean log2(CPM + 1) ≥ 1), the <paramref name="topGenes"/> of highest
    /// variance over all profiles (no outcome is used).
    /// </summary>
    public static ExpressionProfiles ReadCounts(string path, int topGenes, IReadOnlyList<string>? genes = null)
    {
        var table = ParquetFile.Read(path);
        if (!table.Contains("gene_id"))
            throw new DataProblemException("expression table", "header", "has no column 'gene_id'", "bind the expression output of fetch.synthetic, fetch.local or fetch.gdc");
        var ids = table.GetStrings("gene_id");
        var samples = table.ColumnNames.Where(c => c is not ("gene_id" or "gene_name" or "gene_type")).Order(StringComparer.Ordinal).ToArray();
        if (samples.Length == 0) throw new DataProblemException("expression table", "header", "has no patient columns", "give one count column per patient");
        var values = new double[samples.Length][];
        for (int p = 0; p < samples.Length; p++)
        {
            var counts = SurvivalCovariates.Numbers(table, samples[p]);
            int bad = Array.FindIndex(counts, v => !double.IsFinite(v) || v < 0);
            if (bad >= 0)
                throw new DataProblemException("expression table", $"gene '{ids[bad]}', patient '{samples[p]}'", "has a missing or negative count", "give non-negative counts for every gene");
            double library = counts.Sum();
            values[p] = counts.Select(c => Math.Log2(1 + (library > 0 ? c / library * 1e6 : 0))).ToArray();
        }
        int[] keep;
        if (genes is not null)
        {
            var index = ids.Select((g, j) => (g, j)).Where(x => x.g is not null).GroupBy(x => x.g!).ToDictionary(g => g.Key, g => g.First().j, StringComparer.Ordinal);
            var missing = genes.FirstOrDefault(g => !index.ContainsKey(g));
            if (missing is not null)
                throw new DataProblemException("expression table", $"gene '{missing}'", "is one the encoder was trained on but this table lacks", "use the same expression table for learn.expression_autoencoder and predict.morphology");
            keep = genes.Select(g => index[g]).ToArray();
        }
        else
        {
            // Expressed genes only (mean log2(CPM + 1) ≥ 1, genomics.features' "mean" filter): among barely detected genes
            // the variance of the log is counting noise.
            var expressed = Enumerable.Range(0, ids.Length).Select(j => values.Average(v => v[j]) >= 1).ToArray();
            var variance = Enumerable.Range(0, ids.Length).Select(j =>
            {
                double m = values.Average(v => v[j]);
                return values.Sum(v => (v[j] - m) * (v[j] - m));
            }).ToArray();
            keep = Enumerable.Range(0, ids.Length).Where(j => expressed[j] && variance[j] > 0 && ids[j] is not null)
                .OrderByDescending(j => variance[j]).ThenBy(j => j).Take(topGenes).OrderBy(j => j).ToArray();
        }
        return new ExpressionProfiles(samples, keep.Select(j => ids[j]!).ToArray(), values.Select(v => keep.Select(j => v[j]).ToArray()).ToArray(), 0);
    }

    private static bool HasSamples(string path) =>
        ParquetFile.Read(path).ColumnNames.Any(c => c is not ("gene_id" or "gene_name" or "gene_type"));

    /// <summary>The profiles a stage consumed: an expression (counts) table with patient columns when bound, else a genomic table.</summary>
    public static ExpressionProfiles Of(Radiogenomics.Engine.Stages.StageContext context, int topGenes, IReadOnlyList<string>? genes = null)
    {
        // fetch.tables writes an expression table without patient columns when it was given none: then the genomic table.
        if (context.HasInput("expression") && (!context.HasInput("genomic") || HasSamples(context.Input("expression"))))
            return ReadCounts(context.Input("expression"), topGenes, genes);
        if (context.HasInput("genomic")) return Read(context.Input("genomic"));
        throw new DataProblemException("params", "needs", "binds neither an expression nor a genomic table", "add fetch.synthetic / fetch.local (expression) or fetch.tables / genomics.features (genomic) to needs");
    }
}
