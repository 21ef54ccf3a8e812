using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>
/// The six breast-cancer signatures of genefu 2.39 used by Liu &amp; Hu 2023 (<c>sigScore.csv</c>), each reproducing the genefu
/// function called with <c>do.mapping = TRUE</c> (formulas: /work/shared/genefu/README.md; genes mapped by
/// <see cref="SignatureGeneMapper"/>'s highest-sd rule). genefu itself could not be run here (not in Debian, no Bioconductor
/// access): parity is against an independent R re-implementation of the formulas (tests/.../golden/genefu).
/// <para>Oncotype DX, EndoPredict, ROR-S and GENIUS rescale genes or scores over the samples of the cohort; their scores are
/// properties of the cohort (<see cref="CohortSignatureScore.DependsOnCohort"/>) and are NaN for a one-sample cohort.
/// GENE70 and PIK3CA-GS are per-sample.</para>
/// </summary>
public static class GenefuSignatures
{
    /// <summary>All six signatures, in the column order of Liu &amp; Hu's sigScore.csv (pik3cags, endo, gene70, genius, oncotypedx, rorS).</summary>
    public static IReadOnlyList<CohortSignatureScore> All(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null) =>
    [
        Pik3caGs(cohort, by, tables), EndoPredict(cohort, by, tables), Gene70(cohort, by, tables),
        Genius(cohort, by, tables), OncotypeDx(cohort, by, tables), RorS(cohort, by, tables),
    ];

    /// <summary>
    /// genefu <c>oncotypedx()</c> (Paik et al. 2004): the 16 cancer genes (reference genes ignored) are each min–max scaled to
    /// [0, 15] over the cohort; GRB7grp = max(8, 0.9·GRB7 + 0.1·ERBB2), ERgrp = (0.8·ESR1 + 1.2·PGR + BCL2 + SCUBE2)/4,
    /// PROLIFgrp = max(6.5, mean(BIRC5, MKI67, MYBL2, CCNB1, AURKA)), INVgrp = (CTSL2 + MMP11)/2;
    /// RSU = 0.47·GRB7grp − 0.34·ERgrp + 1.04·PROLIFgrp + 0.10·INVgrp + 0.05·CD68 − 0.08·GSTM1 − 0.07·BAG1;
    /// RS = 20·(RSU − 6.7) when 0 ≤ RSU ≤ 100, then clamped to [0, 100]. Any of the 16 genes missing → NaN for everyone;
    /// a sample with a missing value among them → NaN. Component "RSU": the unscaled score.
    /// </summary>
    public static CohortSignatureScore OncotypeDx(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null)
    {
        tables ??= GenefuTables.Default;
        var genes = tables.OncotypeDx.Where(g => g.Group != "reference").ToArray();
        var map = Map(cohort, by, genes.Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray());
        int n = cohort.SampleCount;
        if (map.Mapped < map.Total || map.Entries.Length != genes.Length)
            return Unscored("oncotypedx", cohort, map, true, "Oncotype DX needs all 16 cancer genes (genefu returns NA for everyone)");

        // per gene: (x − min)/(max − min) · 15 over the cohort (na.rm)
        var scaled = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int k = 0; k < map.Entries.Length; k++)
        {
            var x = cohort.Expression.Row(map.Rows[k]).ToArray();
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double v in x) if (!double.IsNaN(v)) { min = Math.Min(min, v); max = Math.Max(max, v); }
            scaled[genes[map.Entries[k]].Symbol] = x.Select(v => (v - min) / (max - min) * 15).ToArray();
        }
        double G(string symbol, int j) => scaled[symbol][j];
        var score = new double[n];
        var rsuUnscaled = new double[n];
        for (int j = 0; j < n; j++)
        {
            if (scaled.Values.Any(v => double.IsNaN(v[j]))) { score[j] = rsuUnscaled[j] = double.NaN; continue; }
            double grb7 = 0.9 * G("GRB7", j) + 0.1 * G("ERBB2", j);
            if (grb7 < 8) grb7 = 8;
            double er = (0.8 * G("ESR1", j) + 1.2 * G("PGR", j) + G("BCL2", j) + G("SCUBE2", j)) / 4;
            double prolif = (G("BIRC5", j) + G("MKI67", j) + G("MYBL2", j) + G("CCNB1", j) + G("AURKA", j)) / 5;
            if (prolif < 6.5) prolif = 6.5;
            double invasion = (G("CTSL2", j) + G("MMP11", j)) / 2;
            double rsu = 0.47 * grb7 - 0.34 * er + 1.04 * prolif + 0.1 * invasion + 0.05 * G("CD68", j) - 0.08 * G("GSTM1", j) - 0.07 * G("BAG1", j);
            rsuUnscaled[j] = rsu;
            if (rsu >= 0 && rsu <= 100) rsu = 20 * (rsu - 6.7);
            if (rsu < 0) rsu = 0;
            if (rsu > 100) rsu = 100;
            score[j] = rsu;
        }
        return Scored("oncotypedx", cohort, map, true, score, new() { ["RSU"] = rsuUnscaled },
            "a sample with a missing value among the 16 genes, or a gene with no spread in the cohort");
    }

    /// <summary>
    /// genefu <c>endoPredict()</c> (Filipits et al. 2011) with do.mapping: each of the 8 genes of interest is put on the
    /// Affymetrix-like scale x′ = ((x − Q2.5%)/(Q97.5% − Q2.5%))·8 + 6 (R type-7 quantiles over the cohort) clamped to [1, 15];
    /// per sample the mean over the 8 genes is subtracted and log2(500) added; z = (x − b)/a; u = Σ weight·z − 2.63;
    /// EP = clamp(1.5·u + 18.95, 0, 15). Any gene of interest missing → NaN for everyone. Component "EPunscaled": u.
    /// </summary>
    public static CohortSignatureScore EndoPredict(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null)
    {
        tables ??= GenefuTables.Default;
        var genes = tables.EndoPredict.Where(g => g.Group == "GOI").ToArray();
        var map = Map(cohort, by, genes.Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray());
        int n = cohort.SampleCount, k = map.Entries.Length;
        if (map.Mapped < map.Total || k != genes.Length)
            return Unscored("endopredict", cohort, map, true, "EndoPredict needs all 8 genes of interest (genefu returns NA for everyone)");

        var data = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var x = cohort.Expression.Row(map.Rows[i]).ToArray();
            var q = RQuantile.Type7(x, 0.025, 0.975);
            data[i] = x.Select(v =>
            {
                double xx = (v - q[0]) / (q[1] - q[0]) * 8 + 6;
                return double.IsNaN(xx) ? xx : Math.Min(Math.Max(xx, 1), 15);
            }).ToArray();
        }
        var score = new double[n];
        var unscaled = new double[n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < k; i++) if (!double.IsNaN(data[i][j])) { sum += data[i][j]; count++; }
            double mean = sum / count;
            double u = 0;
            for (int i = 0; i < k; i++)
            {
                var g = genes[map.Entries[i]];
                double z = (data[i][j] - mean + Math.Log2(500) - g.B) / g.A;
                u += g.Weight * z;
            }
            u -= 2.63;
            unscaled[j] = u;
            score[j] = double.IsNaN(u) ? double.NaN : Math.Min(Math.Max(1.5 * u + 18.95, 0), 15);
        }
        return Scored("endopredict", cohort, map, true, score, new() { ["EPunscaled"] = unscaled },
            "a sample with a missing value among the 8 genes, or a gene with no spread in the cohort");
    }

    /// <summary>
    /// genefu <c>rorS()</c> (Parker et al. 2009, ROR-S): Spearman correlation of each sample's mapped PAM50 genes (raw values,
    /// complete cases, more than 3 needed) with the Basal, Her2, LumA, LumB and Normal centroids;
    /// unscaled = 0.05·r_Basal + 0.12·r_Her2 − 0.34·r_LumA + 0.23·r_LumB; score = 100·(unscaled − Q2.5%)/(Q97.5% − Q2.5%) with the
    /// cohort's R type-7 quantiles, clamped to [0, 100]. Components: the five correlations and "RORSunscaled".
    /// </summary>
    public static CohortSignatureScore RorS(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null)
    {
        tables ??= GenefuTables.Default;
        var genes = tables.Pam50;
        var map = Map(cohort, by, genes.Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray());
        int n = cohort.SampleCount;
        var present = Enumerable.Range(0, map.Entries.Length).Where(i => map.Rows[i] >= 0).ToArray();
        if (present.Length == 0) return Unscored("rors", cohort, map, true, "no PAM50 gene found in the cohort");
        int missingValues = 0;
        foreach (int i in present) foreach (double v in cohort.Expression.Row(map.Rows[i])) if (double.IsNaN(v)) missingValues++;
        if ((double)missingValues / (present.Length * n) > 0.9)
            return Unscored("rors", cohort, map, true, "more than 90% of the PAM50 values are missing (genefu returns NA)");

        string[] names = ["Basal", "Her2", "LumA", "LumB", "Normal"];
        var centroid = present.Select(i => genes[map.Entries[i]]).Select(c => new[] { c.Basal, c.Her2, c.LumA, c.LumB, c.Normal }).ToArray();
        var correlations = names.Select(_ => new double[n]).ToArray();
        var unscaled = new double[n];
        for (int j = 0; j < n; j++)
        {
            var complete = Enumerable.Range(0, present.Length).Where(i => !double.IsNaN(cohort.Expression[map.Rows[present[i]], j])).ToArray();
            if (complete.Length <= 3)
            {
                foreach (var c in correlations) c[j] = double.NaN;
                unscaled[j] = double.NaN;
                continue;
            }
            var x = complete.Select(i => cohort.Expression[map.Rows[present[i]], j]).ToArray();
            for (int c = 0; c < names.Length; c++) correlations[c][j] = Spearman(x, complete.Select(i => centroid[i][c]).ToArray());
            unscaled[j] = 0.05 * correlations[0][j] + 0.12 * correlations[1][j] - 0.34 * correlations[2][j] + 0.23 * correlations[3][j];
        }
        var q = RQuantile.Type7(unscaled, 0.025, 0.975);
        var score = unscaled.Select(u =>
        {
            double rs = (u - q[0]) / (q[1] - q[0]) * 100;
            return double.IsNaN(rs) ? rs : Math.Min(Math.Max(rs, 0), 100);
        }).ToArray();
        var components = new Dictionary<string, IReadOnlyList<double>>();
        for (int c = 0; c < names.Length; c++) components[names[c]] = correlations[c];
        components["RORSunscaled"] = unscaled;
        return Scored("rors", cohort, map, true, score, components,
            "a sample with ≤ 3 non-missing PAM50 genes, or no spread of the unscaled score in the cohort");
    }

    /// <summary>
    /// genefu <c>gene70()</c> (van 't Veer et al. 2002) with std = "none": score = −Spearman(sample's values over the mapped
    /// genes, average good-prognosis profile), complete cases, more than 3 needed. Probes without an Entrez ID (14) and repeated
    /// Entrez IDs (4) are dropped by genefu's mapping, so at most 52 of the 70 probes are used. Per-sample.
    /// </summary>
    public static CohortSignatureScore Gene70(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null)
    {
        tables ??= GenefuTables.Default;
        var probes = tables.Gene70;
        var map = Map(cohort, by, probes.Select(p => (p.EntrezId, p.Symbol, p.Probe)).ToArray());
        var present = Enumerable.Range(0, map.Entries.Length).Where(i => map.Rows[i] >= 0).ToArray();
        if (present.Length == 0) return Unscored("gene70", cohort, map, false, "no GENE70 gene found in the cohort");
        int n = cohort.SampleCount;
        var score = new double[n];
        for (int j = 0; j < n; j++)
        {
            var complete = present.Where(i => !double.IsNaN(cohort.Expression[map.Rows[i], j])).ToArray();
            score[j] = complete.Length <= 3
                ? double.NaN
                : -Spearman(complete.Select(i => cohort.Expression[map.Rows[i], j]).ToArray(),
                    complete.Select(i => probes[map.Entries[i]].GoodPrognosisProfile).ToArray());
        }
        return Scored("gene70", cohort, map, false, score, new(), "a sample with ≤ 3 non-missing GENE70 genes");
    }

    /// <summary>
    /// genefu <c>genius()</c> (Haibe-Kains et al. 2010): SCMOD1 module scores (ESR1, ERBB2, AURKA; signed scores) are rescaled
    /// over the cohort, s′ = 2·((s − Q2.5%)/(Q97.5% − Q2.5%) − 0.5); the subtype probabilities are the E-step of the 3-component
    /// EEI Gaussian mixture on (ESR1′, ERBB2′); the GENIUSM1/M2/M3 signed scores get the same rescaling; score = Σ_k p_k·s′_k.
    /// genefu loops over the subtypes present in the cohort (MAP class); with all three present, as in any realistic cohort,
    /// this is the same; with one absent genefu misaligns or fails, here all three models are always used.
    /// Components: module scores, probabilities (ER-/HER2-, HER2+, ER+/HER2-) and the three rescaled model scores.
    /// </summary>
    public static CohortSignatureScore Genius(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null)
    {
        tables ??= GenefuTables.Default;
        var mixture = tables.Scmod1;
        int n = cohort.SampleCount;
        var modules = new[] { tables.Scmod1Esr1, tables.Scmod1Erbb2, tables.Scmod1Aurka }
            .Select(m => SignedScoreCore(cohort, by, m)).ToArray();
        var models = tables.GeniusModels.Select(m => SignedScoreCore(cohort, by, m)).ToArray();
        var all = modules.Concat(models).ToArray();
        var missing = all.SelectMany(r => r.Map.Missing).Distinct().ToArray();
        int mapped = all.Sum(r => r.Map.Mapped), total = all.Sum(r => r.Map.Total);
        string[] parts = ["ESR1", "ERBB2", "AURKA", "GENIUSM1", "GENIUSM2", "GENIUSM3"];
        for (int i = 0; i < all.Length; i++)
            if (all[i].Map.Mapped == 0)
                return new CohortSignatureScore
                {
                    Signature = "genius", Samples = cohort.Samples, Scores = Enumerable.Repeat(double.NaN, n).ToArray(), DependsOnCohort = true,
                    GenesMapped = mapped, GenesTotal = total, MissingGenes = missing,
                    Reason = $"no gene of the {parts[i]} list found in the cohort" +
                             (by == GeneIdentifier.Symbol && i < 3 ? " (the SCMOD1 tables have no symbols: map by Entrez ID)" : ""),
                };

        double q = mixture.RescaleQuantile;
        var mod = modules.Select(r => RescaleSymmetric(r.Scores, q)).ToArray();
        var mdl = models.Select(r => RescaleSymmetric(r.Scores, q)).ToArray();
        var proba = new double[3][];
        for (int k = 0; k < 3; k++) proba[k] = new double[n];
        var score = new double[n];
        var logDensity = new double[3];
        for (int j = 0; j < n; j++)
        {
            double e = mod[0][j], b = mod[1][j];
            if (double.IsNaN(e) || double.IsNaN(b)) { for (int k = 0; k < 3; k++) proba[k][j] = double.NaN; score[j] = double.NaN; continue; }
            // mclust estep, model EEI: log π_k + log N(e; μ_k1, σ1²) + log N(b; μ_k2, σ2²), normalised on the log scale
            double maxLog = double.NegativeInfinity;
            for (int k = 0; k < 3; k++)
            {
                logDensity[k] = Math.Log(mixture.Proportions[k])
                    - 0.5 * ((e - mixture.MeanEsr1[k]) * (e - mixture.MeanEsr1[k]) / mixture.VarianceEsr1 + Math.Log(2 * Math.PI * mixture.VarianceEsr1))
                    - 0.5 * ((b - mixture.MeanErbb2[k]) * (b - mixture.MeanErbb2[k]) / mixture.VarianceErbb2 + Math.Log(2 * Math.PI * mixture.VarianceErbb2));
                maxLog = Math.Max(maxLog, logDensity[k]);
            }
            double norm = 0;
            for (int k = 0; k < 3; k++) norm += Math.Exp(logDensity[k] - maxLog);
            double s = 0;
            for (int k = 0; k < 3; k++)
            {
                proba[k][j] = Math.Exp(logDensity[k] - maxLog) / norm;
                s += proba[k][j] * mdl[k][j];
            }
            score[j] = s;
        }
        var components = new Dictionary<string, IReadOnlyList<double>>
        {
            ["ESR1"] = mod[0], ["ERBB2"] = mod[1], ["AURKA"] = mod[2],
            ["ER-/HER2-"] = proba[0], ["HER2+"] = proba[1], ["ER+/HER2-"] = proba[2],
            ["GENIUSM1"] = mdl[0], ["GENIUSM2"] = mdl[1], ["GENIUSM3"] = mdl[2],
        };
        return new CohortSignatureScore
        {
            Signature = "genius", Samples = cohort.Samples, Scores = score, DependsOnCohort = true, GenesMapped = mapped, GenesTotal = total,
            MissingGenes = missing, Components = components,
            Reason = score.Any(double.IsNaN)
                ? (n < 2 ? "the cohort rescaling is undefined for a single sample" : "a module or model score is undefined (missing values or no spread in the cohort)")
                : null,
        };
    }

    /// <summary>genefu <c>pik3cags()</c> (Loi et al. 2010): the signed score of the 278-probe PIK3CA-GS list (duplicate genes collapse). Per-sample.</summary>
    public static CohortSignatureScore Pik3caGs(SignatureCohort cohort, GeneIdentifier by = GeneIdentifier.EntrezId, GenefuTables? tables = null) =>
        SignedScore(cohort, (tables ?? GenefuTables.Default).Pik3caGs, "pik3cags", by);

    /// <summary>
    /// genefu <c>sig.score(signed = TRUE)</c>: genes sorted by |coefficient| (NaN coefficients dropped), repeated identifiers
    /// collapse to the first, mapped; P = mapped genes with coefficient ≥ 0, N = the others;
    /// score = |P|/(|P|+|N|)·mean_P − |N|/(|P|+|N|)·mean_N, the means over each sample's non-missing values. Per-sample.
    /// </summary>
    public static CohortSignatureScore SignedScore(SignatureCohort cohort, IReadOnlyList<SignatureGene> genes, string name,
        GeneIdentifier by = GeneIdentifier.EntrezId)
    {
        var r = SignedScoreCore(cohort, by, genes);
        if (r.Map.Mapped == 0)
            return Unscored(name, cohort, r.Map, false, "no signature gene found in the cohort" +
                (by == GeneIdentifier.Symbol && genes.All(g => g.Symbol is null) ? " (the table has no symbols: map by Entrez ID)" : ""));
        return Scored(name, cohort, r.Map, false, r.Scores, new(), "a sample with no non-missing value among the positive or negative genes");
    }

    private static (double[] Scores, SignatureMapping Map) SignedScoreCore(SignatureCohort cohort, GeneIdentifier by, IReadOnlyList<SignatureGene> genes)
    {
        // order(abs(coef), decreasing = TRUE, na.last = NA): stable, NaN coefficients dropped
        var ordered = genes.Where(g => !double.IsNaN(g.Coefficient)).Select((g, i) => (g, i))
            .OrderByDescending(p => Math.Abs(p.g.Coefficient)).ThenBy(p => p.i).Select(p => p.g).ToArray();
        var map = Map(cohort, by, ordered.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray());
        int n = cohort.SampleCount;
        var pos = new List<int>();
        var neg = new List<int>();
        for (int i = 0; i < map.Entries.Length; i++)
        {
            if (map.Rows[i] < 0) continue;
            (ordered[map.Entries[i]].Coefficient >= 0 ? pos : neg).Add(map.Rows[i]);
        }
        var scores = new double[n];
        if (pos.Count + neg.Count == 0) { Array.Fill(scores, double.NaN); return (scores, map); }
        double wp = (double)pos.Count / (pos.Count + neg.Count), wn = (double)neg.Count / (pos.Count + neg.Count);
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            if (pos.Count > 0) s = wp * MeanNonMissing(cohort.Expression, pos, j);
            if (neg.Count > 0) s -= wn * MeanNonMissing(cohort.Expression, neg, j);
            scores[j] = s;
        }
        return (scores, map);
    }

    private static double MeanNonMissing(ExpressionMatrix x, List<int> rows, int j)
    {
        double sum = 0;
        int count = 0;
        foreach (int r in rows) { double v = x[r, j]; if (!double.IsNaN(v)) { sum += v; count++; } }
        return sum / count;   // 0/0 = NaN when every value is missing, as genefu's sum(na.rm)/sum(!is.na)
    }

    // genefu (rescale(x, q, na.rm = TRUE) − 0.5) · 2 with rescale = (x − Q_{q/2})/(Q_{1−q/2} − Q_{q/2})
    private static double[] RescaleSymmetric(double[] x, double q)
    {
        var quantiles = RQuantile.Type7(x, q / 2, 1 - q / 2);
        return x.Select(v => ((v - quantiles[0]) / (quantiles[1] - quantiles[0]) - 0.5) * 2).ToArray();
    }

    // R cor(x, y, method = "spearman") on complete cases: Pearson correlation of the average ranks.
    private static double Spearman(double[] x, double[] y) => PearsonCorrelation.Coefficient(Ranks.Average(x), Ranks.Average(y));

    private static SignatureMapping Map(SignatureCohort cohort, GeneIdentifier by, IReadOnlyList<(string? Entrez, string? Symbol, string Probe)> entries)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var mapper = new SignatureGeneMapper(cohort, by);
        return mapper.Map(entries.Select(e => (by == GeneIdentifier.EntrezId ? e.Entrez : e.Symbol, e.Entrez, e.Symbol, e.Probe)).ToArray());
    }

    private static CohortSignatureScore Unscored(string name, SignatureCohort cohort, SignatureMapping map, bool cohortDependent, string reason) => new()
    {
        Signature = name, Samples = cohort.Samples, Scores = Enumerable.Repeat(double.NaN, cohort.SampleCount).ToArray(),
        DependsOnCohort = cohortDependent, GenesMapped = map.Mapped, GenesTotal = map.Total, MissingGenes = map.Missing, Reason = reason,
    };

    private static CohortSignatureScore Scored(string name, SignatureCohort cohort, SignatureMapping map, bool cohortDependent, double[] scores,
        Dictionary<string, IReadOnlyList<double>> components, string nanReason) => new()
    {
        Signature = name, Samples = cohort.Samples, Scores = scores, DependsOnCohort = cohortDependent, GenesMapped = map.Mapped,
        GenesTotal = map.Total, MissingGenes = map.Missing, Components = components,
        Reason = !scores.Any(double.IsNaN) ? null
            : cohortDependent && cohort.SampleCount < 2 ? "the cohort rescaling is undefined for a single sample"
            : $"NaN where a score is undefined: {nanReason}",
    };
}
