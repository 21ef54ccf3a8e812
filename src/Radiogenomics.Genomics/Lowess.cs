namespace Radiogenomics.Genomics;

/// <summary>
/// R's <c>lowess(x, y, f, iter)</c> (Cleveland's clowess, as stats' lowess.c runs it): local linear fits with tricube
/// weights over the nearest ⌊f·n⌋ points, points closer than delta = 1 % of the x range interpolated, then
/// <paramref name="iterations"/> robustness passes with bisquare weights of the residuals (6 × median |residual|).
/// </summary>
internal static class Lowess
{
    /// <summary>Fitted values at <paramref name="x"/> (any order; ties keep their input order, as R's order()).</summary>
    public static double[] Fit(double[] x, double[] y, double span, int iterations)
    {
        int n = x.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ToArray();   // stable
        var xs = order.Select(i => x[i]).ToArray();
        var ysIn = order.Select(i => y[i]).ToArray();
        double delta = 0.01 * (xs[n - 1] - xs[0]);
        var sorted = FitSorted(xs, ysIn, span, iterations, delta);
        var fitted = new double[n];
        for (int k = 0; k < n; k++) fitted[order[k]] = sorted[k];
        return fitted;
    }

    private static double[] FitSorted(double[] x, double[] y, double f, int nsteps, double delta)
    {
        int n = x.Length;
        var ys = new double[n];
        if (n < 2) { ys[0] = y[0]; return ys; }
        var rw = new double[n];
        var res = new double[n];
        int ns = Math.Max(2, Math.Min(n, (int)(f * n + 1e-7)));
        for (int iter = 1; iter <= nsteps + 1; iter++)
        {
            // 1-based positions as in lowess.c: point j is index j − 1
            int nleft = 1, nright = ns, last = 0, i = 1;
            while (true)
            {
                if (nright < n)
                {
                    double d1 = x[i - 1] - x[nleft - 1], d2 = x[nright] - x[i - 1];
                    if (d1 > d2) { nleft++; nright++; continue; }
                }
                bool ok = Lowest(x, y, n, x[i - 1], out double fit, nleft, nright, res, iter > 1, rw);
                ys[i - 1] = ok ? fit : y[i - 1];
                if (last < i - 1)
                {
                    double denominator = x[i - 1] - x[last - 1];   // skipped points: interpolate
                    for (int j = last + 1; j < i; j++)
                    {
                        double alpha = (x[j - 1] - x[last - 1]) / denominator;
                        ys[j - 1] = alpha * ys[i - 1] + (1 - alpha) * ys[last - 1];
                    }
                }
                last = i;
                double cut = x[last - 1] + delta;
                for (i = last + 1; i <= n; i++)
                {
                    if (x[i - 1] > cut) break;
                    if (x[i - 1] == x[last - 1]) { ys[i - 1] = ys[last - 1]; last = i; }
                }
                i = Math.Max(last + 1, i - 1);
                if (last >= n) break;
            }
            for (int k = 0; k < n; k++) res[k] = y[k] - ys[k];
            double scale = 0;
            for (int k = 0; k < n; k++) scale += Math.Abs(res[k]);
            scale /= n;
            if (iter > nsteps) break;
            for (int k = 0; k < n; k++) rw[k] = Math.Abs(res[k]);
            var sortedAbs = (double[])rw.Clone();
            Array.Sort(sortedAbs);
            int m1 = n / 2;
            double cmad = n % 2 == 0 ? 3 * (sortedAbs[m1] + sortedAbs[n - m1 - 1]) : 6 * sortedAbs[m1];
            if (cmad < 1e-7 * scale) break;   // residuals effectively zero
            double c9 = 0.999 * cmad, c1 = 0.001 * cmad;
            for (int k = 0; k < n; k++)
            {
                double r = Math.Abs(res[k]);
                rw[k] = r <= c1 ? 1 : r <= c9 ? Square(1 - Square(r / cmad)) : 0;
            }
        }
        return ys;
    }

    /// <summary>lowess.c's lowest: the weighted local linear fit at xs over points nleft..nright (1-based); w is workspace.</summary>
    private static bool Lowest(double[] x, double[] y, int n, double xs, out double ys, int nleft, int nright, double[] w, bool userw, double[] rw)
    {
        double range = x[n - 1] - x[0];
        double h = Math.Max(xs - x[nleft - 1], x[nright - 1] - xs);
        double h9 = 0.999 * h, h1 = 0.001 * h;
        double a = 0;
        int j = nleft;
        while (j <= n)
        {
            w[j - 1] = 0;
            double r = Math.Abs(x[j - 1] - xs);
            if (r <= h9)
            {
                w[j - 1] = r <= h1 ? 1 : Cube(1 - Cube(r / h));
                if (userw) w[j - 1] *= rw[j - 1];
                a += w[j - 1];
            }
            else if (x[j - 1] > xs) break;
            j++;
        }
        int nrt = j - 1;
        ys = 0;
        if (a <= 0) return false;
        for (j = nleft; j <= nrt; j++) w[j - 1] /= a;
        if (h > 0)
        {
            a = 0;
            for (j = nleft; j <= nrt; j++) a += w[j - 1] * x[j - 1];
            double b = xs - a, c = 0;
            for (j = nleft; j <= nrt; j++) c += w[j - 1] * (x[j - 1] - a) * (x[j - 1] - a);
            if (Math.Sqrt(c) > 0.001 * range)
            {
                b /= c;
                for (j = nleft; j <= nrt; j++) w[j - 1] *= b * (x[j - 1] - a) + 1;
            }
        }
        for (j = nleft; j <= nrt; j++) ys += w[j - 1] * y[j - 1];
        return true;
    }

    private static double Square(double v) => v * v;
    private static double Cube(double v) => v * v * v;
}
