namespace Radiogenomics.Genomics;

/// <summary>
/// Brent's root finder as R's <c>uniroot</c> runs it (R_zeroin2: inverse quadratic interpolation, secant and bisection,
/// with the function values at both ends supplied), so that the same tolerance stops at the same iterate as R.
/// </summary>
internal static class BrentRoot
{
    public static double Find(Func<double, double> f, double ax, double bx, double fa, double fb, double tol, int maxIterations = 1000)
    {
        double a = ax, b = bx, c = a, fc = fa;
        if (fa == 0) return a;
        if (fb == 0) return b;
        for (int remaining = maxIterations + 1; remaining > 0; remaining--)
        {
            double previousStep = b - a;
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tolerance = 2 * 2.220446049250313e-16 * Math.Abs(b) + tol / 2;   // 2·DBL_EPSILON·|b| + tol/2
            double newStep = (c - b) / 2;
            if (Math.Abs(newStep) <= tolerance || fb == 0) return b;
            if (Math.Abs(previousStep) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q, cb = c - b;
                if (a == c)
                {
                    double t1 = fb / fa;   // two distinct points: secant
                    p = cb * t1;
                    q = 1 - t1;
                }
                else
                {
                    double qa = fa / fc, t1 = fb / fc, t2 = fb / fa;   // inverse quadratic interpolation
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
                    q = (qa - 1) * (t1 - 1) * (t2 - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (p < 0.75 * cb * q - Math.Abs(tolerance * q) / 2 && p < Math.Abs(previousStep * q / 2)) newStep = p / q;
            }
            if (Math.Abs(newStep) < tolerance) newStep = newStep > 0 ? tolerance : -tolerance;
            a = b; fa = fb;
            b += newStep; fb = f(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) { c = a; fc = fa; }
        }
        return b;   // R warns "_NOT_ converged" and returns the last iterate
    }
}
