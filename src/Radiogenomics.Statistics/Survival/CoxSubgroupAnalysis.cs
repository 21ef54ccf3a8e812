namespace Radiogenomics.Statistics;

/// <summary>
/// A subgroup (forest-plot) analysis of a Cox model, as it is done with R's survival package: per level of a grouping
/// variable, <c>coxph(Surv ~ exposure + adjust)</c> on that level's subjects; and whether the effect differs between levels,
/// by the likelihood-ratio test of <c>coxph(~ exposure + adjust + factor(group))</c> against the same model plus
/// <c>exposure:factor(group)</c> (<c>anova(reduced, full)</c>), on df = (levels − 1) × exposure terms.
/// </summary>
public sealed record CoxSubgroupAnalysis(IReadOnlyList<CoxSubgroupLevel> Levels, double InteractionChiSquare, int InteractionDf, double InteractionP)
{
    /// <param name="exposure">the exposure's terms (one column, or the dummies of a categorical exposure)</param>
    /// <param name="adjust">adjustment covariates (may be empty)</param>
    /// <param name="level">index 0..L−1 of each subject's level; the first level is the reference of the interaction model</param>
    /// <param name="levelNames">the L level names</param>
    public static CoxSubgroupAnalysis Run(double[] time, int[] status, int[]? strata, IReadOnlyList<double[]> exposure,
        IReadOnlyList<double[]> adjust, int[] level, IReadOnlyList<string> levelNames, CoxTies ties = CoxTies.Efron)
    {
        int n = time.Length, levels = levelNames.Count;
        if (exposure.Count == 0) throw new ArgumentException("no exposure term", nameof(exposure));
        if (levels < 2) throw new ArgumentException("a subgroup analysis needs a variable with at least two levels", nameof(levelNames));
        var rows = new List<CoxSubgroupLevel>(levels);
        var model = exposure.Concat(adjust).ToList();
        for (int l = 0; l < levels; l++)
        {
            var members = Enumerable.Range(0, n).Where(i => level[i] == l).ToArray();
            var sample = new SurvivalSample(members.Select(i => time[i]).ToArray(), members.Select(i => status[i]).ToArray(),
                strata is null ? null : members.Select(i => strata[i]).ToArray());
            CoxFit? fit = null;
            // terms constant within the level (an adjustment equal to the grouping) drop out, as coxph reports them NA
            var terms = model.Select(c => members.Select(i => c[i]).ToArray()).ToList();
            if (sample.EventCount > 0 && members.Length > 1 && terms.Take(exposure.Count).All(t => t.Distinct().Count() > 1))
                fit = CoxRegression.Fit(sample, terms.Where((t, j) => j < exposure.Count || t.Distinct().Count() > 1).ToList(), ties, concordance: false);
            rows.Add(new CoxSubgroupLevel(levelNames[l], members.Length, sample.EventCount, fit));
        }

        var all = new SurvivalSample(time, status, strata);
        var dummies = Enumerable.Range(1, levels - 1).Select(l => level.Select(v => v == l ? 1.0 : 0.0).ToArray()).ToList();
        var reducedTerms = model.Concat(dummies).ToList();
        var interactions = exposure.SelectMany(e => dummies.Select(d => e.Select((v, i) => v * d[i]).ToArray())).ToList();
        // aliased columns (an adjustment that the grouping determines) drop out, as coxph reports them NA
        var reducedKept = NonAliased(reducedTerms);
        var fullKept = NonAliased(reducedTerms.Concat(interactions).ToList());
        var reduced = CoxRegression.Fit(all, reducedKept, ties, concordance: false);
        var full = CoxRegression.Fit(all, fullKept, ties, concordance: false);
        int df = fullKept.Count - reducedKept.Count;
        double chi = 2 * (full.LogLikelihood - reduced.LogLikelihood);
        double p = reduced.Converged && full.Converged ? ChiSquared.UpperTail(chi, df) : double.NaN;
        return new CoxSubgroupAnalysis(rows, reduced.Converged && full.Converged ? chi : double.NaN, df, p);
    }

    /// <summary>The columns that are not (numerically) linear combinations of the earlier ones, after centring (Gram–Schmidt).</summary>
    private static List<double[]> NonAliased(IReadOnlyList<double[]> columns)
    {
        var basis = new List<double[]>();
        var kept = new List<double[]>();
        foreach (var column in columns)
        {
            double mean = column.Average();
            var r = column.Select(v => v - mean).ToArray();
            double norm0 = Math.Sqrt(r.Sum(v => v * v));
            foreach (var q in basis)
            {
                double dot = 0;
                for (int i = 0; i < r.Length; i++) dot += q[i] * r[i];
                for (int i = 0; i < r.Length; i++) r[i] -= dot * q[i];
            }
            double norm = Math.Sqrt(r.Sum(v => v * v));
            if (norm0 == 0 || norm <= 1e-9 * norm0) continue;
            for (int i = 0; i < r.Length; i++) r[i] /= norm;
            basis.Add(r);
            kept.Add(column);
        }
        return kept;
    }
}
