using Radiogenomics.Statistics;
namespace Radiogenomics.Genomics;

/// <summary>
/// limma's <c>lmFit(y, design)</c> (method "ls", no weights, no duplicate spots; R <c>lm.series</c>): one QR of the design
/// serves every gene without missing values; a gene with NaN values is fitted on its observed samples only, so its residual
/// df is smaller. σ = √(mean of the squared residual effects) = √(RSS/df).
/// Differences from limma: the design must have full rank (limma reports non-estimable coefficients and keeps the others),
/// and a gene whose observed samples make a coefficient non-estimable gets NaN coefficients (limma keeps the estimable ones).
/// </summary>
public static class LinearModel
{
    /// <param name="expression">Genes × samples (log scale).</param>
    /// <param name="design">Samples × coefficients design matrix (e.g. from <see cref="TwoGroupDesign"/>).</param>
    /// <param name="coefficientNames">Names of the design's columns (default x1, x2, … as limma).</param>
    public static LinearModelFit Fit(ExpressionMatrix expression, double[,] design, IReadOnlyList<string>? coefficientNames = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(design);
        int n = expression.SampleCount, p = design.GetLength(1), genes = expression.GeneCount;
        if (design.GetLength(0) != n) throw new ArgumentException("The design needs one row per sample.", nameof(design));
        if (genes == 0) throw new ArgumentException("The expression matrix has no rows.", nameof(expression));
        foreach (double v in design) if (!double.IsFinite(v)) throw new ArgumentException("The design must be finite.", nameof(design));
        var names = coefficientNames?.ToArray() ?? Enumerable.Range(1, p).Select(i => $"x{i}").ToArray();
        if (names.Length != p) throw new ArgumentException("One name per design column is required.", nameof(coefficientNames));
        var qr = new HouseholderQr(design);
        if (!qr.FullRank) throw new ArgumentException($"The design has rank {qr.Rank} < {p} columns: coefficients are not estimable.", nameof(design));
        var fullStdev = qr.UnscaledStdev();

        var coef = new double[genes * p];
        var stdev = new double[genes * p];
        var sigma = new double[genes];
        var df = new double[genes];
        var amean = new double[genes];
        var work = new double[n];
        var b = new double[p];
        for (int g = 0; g < genes; g++)
        {
            var row = expression.Row(g);
            int observed = 0;
            double sum = 0;
            foreach (double v in row) if (!double.IsNaN(v)) { observed++; sum += v; }
            amean[g] = observed > 0 ? sum / observed : double.NaN;
            if (observed == n)
            {
                row.CopyTo(work);
                FitOne(qr, work, n, p, fullStdev, coef.AsSpan(g * p, p), stdev.AsSpan(g * p, p), out sigma[g], out df[g], b);
                continue;
            }
            // lm.series' per-gene path: drop the missing samples and refit
            var keepList = new List<int>(n);
            for (int j = 0; j < n; j++) if (!double.IsNaN(row[j])) keepList.Add(j);
            var keep = keepList.ToArray();
            var sub = new double[keep.Length, p];
            for (int i = 0; i < keep.Length; i++) for (int c = 0; c < p; c++) sub[i, c] = design[keep[i], c];
            if (keep.Length < p || !new HouseholderQr(sub).FullRank)
            {
                coef.AsSpan(g * p, p).Fill(double.NaN);
                stdev.AsSpan(g * p, p).Fill(double.NaN);
                sigma[g] = double.NaN;
                df[g] = keep.Length < p ? 0 : keep.Length - new HouseholderQr(sub).Rank;
                continue;
            }
            var subQr = new HouseholderQr(sub);
            var y = new double[keep.Length];
            for (int i = 0; i < keep.Length; i++) y[i] = row[keep[i]];
            FitOne(subQr, y, keep.Length, p, subQr.UnscaledStdev(), coef.AsSpan(g * p, p), stdev.AsSpan(g * p, p), out sigma[g], out df[g], b);
        }
        return new LinearModelFit(expression.Genes, names, coef, stdev, sigma, df, amean);
    }

    private static void FitOne(HouseholderQr qr, Span<double> y, int n, int p, double[] unscaled, Span<double> coef, Span<double> stdev,
        out double sigma, out double df, double[] b)
    {
        qr.ApplyQt(y[..n]);
        qr.SolveR(y[..p], b);
        b.AsSpan(0, p).CopyTo(coef);
        unscaled.AsSpan().CopyTo(stdev);
        df = n - p;
        if (n > p)
        {
            double ss = 0;
            for (int i = p; i < n; i++) ss += y[i] * y[i];
            sigma = Math.Sqrt(ss / (n - p));
        }
        else sigma = double.NaN;
    }

    /// <summary>
    /// R's <c>model.matrix(~ factor(group))</c> for two groups: an intercept and the indicator of the non-reference group,
    /// so coefficient 1 is the difference (other − reference), limma's logFC. Column names: "(Intercept)", "group&lt;other&gt;".
    /// </summary>
    /// <param name="groups">Group label per sample; exactly two distinct labels.</param>
    /// <param name="reference">The baseline label (R's first factor level); default: the first label in ordinal order.</param>
    public static (double[,] Design, string[] CoefficientNames) TwoGroupDesign(IReadOnlyList<string> groups, string? reference = null)
    {
        var levels = groups.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
        if (levels.Length != 2) throw new ArgumentException($"Expected exactly two groups, found {levels.Length}.", nameof(groups));
        reference ??= levels[0];
        if (!levels.Contains(reference)) throw new ArgumentException($"'{reference}' is not one of the groups.", nameof(reference));
        string other = levels[0] == reference ? levels[1] : levels[0];
        var design = new double[groups.Count, 2];
        for (int i = 0; i < groups.Count; i++) { design[i, 0] = 1; design[i, 1] = groups[i] == other ? 1 : 0; }
        return (design, ["(Intercept)", "group" + other]);
    }
}
