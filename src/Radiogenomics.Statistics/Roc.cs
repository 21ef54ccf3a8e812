namespace Radiogenomics.Statistics;

/// <summary>
/// Empirical ROC analysis as pROC 1.18 computes it with <c>direction = "&lt;"</c> (higher scores mean case): the AUC as the
/// Mann–Whitney statistic (ties count ½), DeLong's placement variance and paired test, the curve and the Youden cut-off.
/// Labels are 0 (control) / 1 (case); the direction is fixed, never flipped to make an AUC exceed ½.
/// </summary>
public static class Roc
{
    /// <summary>The AUC; NaN when there are no cases or no controls.</summary>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var (cases, controls) = Split(scores, labels);
        if (cases.Length == 0 || controls.Length == 0) return double.NaN;
        Array.Sort(controls);
        double sum = 0;
        foreach (double x in cases) sum += Below(controls, x);
        return sum / ((double)cases.Length * controls.Length);
    }

    /// <summary>AUC, DeLong variance and 95 % (or <paramref name="level"/>) CI, as <c>ci.auc(roc, method = "delong")</c>.</summary>
    public static DeLongAuc DeLong(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, double level = 0.95)
    {
        var pl = Placements(scores, labels);
        int m = pl.CaseMeans.Length, n = pl.ControlMeans.Length;
        if (m <= 1 || n <= 1) return new DeLongAuc(pl.Theta, double.NaN, double.NaN, double.NaN, m, n);
        double sx = 0, sy = 0;
        foreach (double v in pl.CaseMeans) sx += (v - pl.Theta) * (v - pl.Theta);
        foreach (double v in pl.ControlMeans) sy += (v - pl.Theta) * (v - pl.Theta);
        double variance = sx / (m - 1) / m + sy / (n - 1) / n;
        double z = StandardNormal.Quantile(1 - (1 - level) / 2), sd = Math.Sqrt(variance);
        double lo = pl.Theta - z * sd, hi = pl.Theta + z * sd;
        return new DeLongAuc(pl.Theta, variance, Math.Clamp(lo, 0, 1), Math.Clamp(hi, 0, 1), m, n);
    }

    /// <summary>
    /// The paired DeLong test of two scores of the same patients (<c>roc.test(roc1, roc2, method = "delong", paired = TRUE)</c>):
    /// z = (AUC_a − AUC_b)/√(Var_a + Var_b − 2 Cov), two-sided p; z = 0 when both AUCs and their variance agree exactly.
    /// </summary>
    public static DeLongComparison Compare(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> labels)
    {
        var pa = Placements(a, labels);
        var pb = Placements(b, labels);
        int m = pa.CaseMeans.Length, n = pa.ControlMeans.Length;
        if (m <= 1 || n <= 1) return new DeLongComparison(pa.Theta, pb.Theta, double.NaN, double.NaN);
        double saa = 0, sab = 0, sbb = 0, taa = 0, tab = 0, tbb = 0;
        for (int i = 0; i < m; i++)
        {
            double da = pa.CaseMeans[i] - pa.Theta, db = pb.CaseMeans[i] - pb.Theta;
            saa += da * da; sab += da * db; sbb += db * db;
        }
        for (int j = 0; j < n; j++)
        {
            double da = pa.ControlMeans[j] - pa.Theta, db = pb.ControlMeans[j] - pb.Theta;
            taa += da * da; tab += da * db; tbb += db * db;
        }
        double vaa = saa / (m - 1) / m + taa / (n - 1) / n;
        double vab = sab / (m - 1) / m + tab / (n - 1) / n;
        double vbb = sbb / (m - 1) / m + tbb / (n - 1) / n;
        double sig = Math.Sqrt(vaa - 2 * vab + vbb);
        double d = pa.Theta - pb.Theta;
        double z = d / sig;
        if (double.IsNaN(z) && d == 0 && sig == 0) z = 0;
        return new DeLongComparison(pa.Theta, pb.Theta, z, 2 * StandardNormal.Cdf(-Math.Abs(z)));
    }

    /// <summary>
    /// The curve at pROC's thresholds (−∞, the midpoints between consecutive distinct scores, +∞), in increasing threshold order.
    /// </summary>
    public static IReadOnlyList<RocPoint> Curve(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var (cases, controls) = Split(scores, labels);
        Array.Sort(cases);
        Array.Sort(controls);
        var distinct = cases.Concat(controls).Distinct().Order().ToArray();
        var thresholds = new double[distinct.Length + 1];
        thresholds[0] = double.NegativeInfinity;
        for (int i = 1; i < distinct.Length; i++) thresholds[i] = (distinct[i - 1] + distinct[i]) / 2;
        thresholds[^1] = double.PositiveInfinity;
        var points = new RocPoint[thresholds.Length];
        for (int i = 0; i < thresholds.Length; i++)
        {
            double t = thresholds[i];
            double se = (double)(cases.Length - UpperBound(cases, t)) / cases.Length;
            double sp = (double)UpperBound(controls, t) / controls.Length;
            points[i] = new RocPoint(t, se, sp);
        }
        return points;
    }

    /// <summary>The Youden cut-off: max sensitivity + specificity over <see cref="Curve"/>, the lowest threshold on ties.</summary>
    public static YoudenCutoff Youden(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var curve = Curve(scores, labels);
        var best = curve[0];
        foreach (var p in curve) if (p.Sensitivity + p.Specificity > best.Sensitivity + best.Specificity) best = p;
        return new YoudenCutoff(best.Threshold, best.Sensitivity, best.Specificity);
    }

    private readonly record struct PlacementSet(double Theta, double[] CaseMeans, double[] ControlMeans);

    /// <summary>DeLong's placements: per case the share of controls below it, per control the share of cases above it (ties ½).</summary>
    private static PlacementSet Placements(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        var (cases, controls) = Split(scores, labels);
        var sortedControls = (double[])controls.Clone();
        var sortedCases = (double[])cases.Clone();
        Array.Sort(sortedControls);
        Array.Sort(sortedCases);
        var x = new double[cases.Length];
        var y = new double[controls.Length];
        for (int i = 0; i < cases.Length; i++) x[i] = Below(sortedControls, cases[i]) / controls.Length;
        for (int j = 0; j < controls.Length; j++) y[j] = Above(sortedCases, controls[j]) / cases.Length;
        double theta = x.Length == 0 ? double.NaN : x.Average();
        return new PlacementSet(theta, x, y);
    }

    private static (double[] Cases, double[] Controls) Split(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("one label per score is needed");
        var cases = new List<double>();
        var controls = new List<double>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (labels[i] == 1) cases.Add(scores[i]);
            else if (labels[i] == 0) controls.Add(scores[i]);
            else throw new ArgumentException($"labels must be 0 or 1, found {labels[i]}");
            if (double.IsNaN(scores[i])) throw new ArgumentException("a score is NaN");
        }
        return (cases.ToArray(), controls.ToArray());
    }

    /// <summary>Number of sorted values below x, plus ½ per value equal to x.</summary>
    private static double Below(double[] sorted, double x)
    {
        int lo = LowerBound(sorted, x), hi = UpperBound(sorted, x);
        return lo + 0.5 * (hi - lo);
    }

    /// <summary>Number of sorted values above x, plus ½ per value equal to x.</summary>
    private static double Above(double[] sorted, double x)
    {
        int lo = LowerBound(sorted, x), hi = UpperBound(sorted, x);
        return sorted.Length - hi + 0.5 * (hi - lo);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int UpperBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { int mid = (lo + hi) >> 1; if (sorted[mid] <= x) lo = mid + 1; else hi = mid; }
        return lo;
    }
}
