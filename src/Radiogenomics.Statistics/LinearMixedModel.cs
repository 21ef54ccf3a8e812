using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Exact REML fit of the random-intercept model <c>y_ij = β0 + β1·x_i + b_i + e_ij</c>, b_i ~ N(0, σ_b²), e_ij ~ N(0, σ²),
/// with x constant within patient. Reproduces <c>nlme::lme(y ~ x, random = ~1 | patient, method = "REML")</c>
/// (estimates, Std.Error, t-value, DF, p-value, sigma², σ_b², logLik), the model of the Liu &amp; Hu 2023 <c>lme.R</c>.
/// </summary>
/// <remarks>
/// <para>
/// With γ = σ_b²/σ², patient i contributes V_i = σ²(I + γJ), det = σ^{2n_i}(1 + n_iγ), and because X_i = 1·(1, x_i)
/// every GLS quantity collapses onto the patient mean ȳ_i with weight w_i = n_i/(1 + n_iγ):
/// XᵀV⁻¹X = A/σ² with A = Σ w_i z_i z_iᵀ, z_i = (1, x_i); β̂ = A⁻¹ Σ w_i z_i ȳ_i; and
/// (y − Xβ̂)ᵀV⁻¹(y − Xβ̂) = (SSW + Q)/σ² with Q = Σ w_i (ȳ_i − z_iᵀβ̂)² and SSW the pooled within-patient sum of squares.
/// Profiling σ² out (σ̂² = (SSW + Q)/(N − 2)) gives the restricted deviance
/// </para>
/// <para>
/// f(γ) = −2ℓ_R = (N − 2)(log 2π + 1 + log σ̂²) + Σ log(1 + n_iγ) + log det A,
/// </para>
/// <para>
/// which is exactly nlme's REML logLik (it has no ½log|XᵀX| term). f is minimised over θ = log γ by Newton's method on
/// f'(γ) = −(N−2)Σw_i²r_i²/(SSW+Q) + Σw_i − Σw_i²z_iᵀA⁻¹z_i with the analytic f'' (see <see cref="Evaluate"/>), safeguarded by a
/// sign bracket and bisection; the boundary γ = 0 is tested explicitly through f'(0). Newton stops once its step in log γ is below
/// 1e-7 and takes that step (quadratic convergence: log γ is then good to ~1e-14), about 4–5 evaluations per fit from a
/// moment-estimator start. Each evaluation is two passes over the patients with Vector256 arithmetic; lanes are reduced in a fixed
/// order, so results are bit-identical with or without hardware acceleration.
/// </para>
/// <para>
/// Degenerate designs are reported through <see cref="FitStatus"/> (see there for what nlme does in each case).
/// </para>
/// <para>
/// Degrees of freedom follow nlme:::getFixDF for this design: a covariate constant within patient is estimated at the patient
/// level, df = m − 2; the intercept gets max(m − 2, N − m) (nlme gives it the largest stratum df).
/// </para>
/// </remarks>
public static class LinearMixedModel
{
    private const double RemlRankOffset = 2; // p = number of fixed effects
    private const double LogTwoPiPlusOne = 2.8378770664093453; // log(2π) + 1
    private static readonly double SqrtEpsilon = Math.Sqrt(Math.Pow(2, -52)); // R's sqrt(.Machine$double.eps)
    private const int StackallocPatientLimit = 512;
    private const int MaxIterations = 200;
    private const double MaxThetaStep = 3;       // Newton steps in log γ are clipped to a factor e³ per iteration
    private const double ThetaTolerance = 1e-7;  // accept once the Newton step is this small, then take that step (error ~ step²)
    private const double BracketTolerance = 1e-12; // bisection fallback: stop when the sign bracket in log γ is this narrow
    private const double GammaMax = 1e15;        // σ²/σ_b² below 1e-15: treat as the σ² → 0 limit
    private const double TinyGammaTimesN = 1e-14; // γ·max n_i below this is indistinguishable from γ = 0

    private static class Messages
    {
        public const string Ok = "";
        public const string Boundary = "REML optimum on the boundary sigma_b^2 = 0, a singular fit in lme4's terms (isSingular); nlme cannot reach it and reports a tiny positive sigma_b^2 (~1e-8).";
        public const string NotIdentifiable = "Every patient has one image: only sigma^2 + sigma_b^2 is identifiable (flat REML likelihood); fixed effects, SEs and tests equal OLS on the patient values.";
        public const string ZeroResidual = "Within-patient variance is zero: estimates are the sigma^2 -> 0 limit (unweighted OLS on patient means); the restricted likelihood is unbounded.";
        public const string ConstantResponse = "The response is constant: nothing to model (nlme stops with a convergence error).";
        public const string PerfectFit = "Within-patient variance is zero and the patient means lie exactly on a line in x: no residual variance to test against.";
        public const string ConstantCovariate = "The covariate is constant across patients by nlme's rule (relative spread < sqrt(eps)): the fixed-effects design is singular.";
        public const string TooFewPatients = "Fewer than 3 patients: the slope has m - 2 <= 0 degrees of freedom and sigma_b^2 is not estimable.";
        public const string MissingCovariate = "The covariate is NaN or infinite for a patient with images (policy Fail, like na.action = na.fail).";
        public const string NonFiniteResponse = "The response contains NaN or infinite values.";
        public const string NotConverged = "The variance-ratio optimisation did not converge.";
    }

    /// <summary>Fits one patient-level covariate (length <see cref="PatientSummary.PatientCount"/>) against a summarised response.</summary>
    public static RandomInterceptFit Fit(PatientSummary summary, ReadOnlySpan<double> covariate, MissingCovariatePolicy missing = MissingCovariatePolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (covariate.Length != summary.PatientCount)
            throw new ArgumentException($"covariate has {covariate.Length} values; the summary has {summary.PatientCount} patients.", nameof(covariate));
        int size = BufferLength(summary.PatientCount);
        if (summary.PatientCount <= StackallocPatientLimit)
        {
            Span<double> buffer = stackalloc double[size];
            return FitCore(summary, covariate, missing, buffer);
        }
        double[] rented = ArrayPool<double>.Shared.Rent(size);
        try { return FitCore(summary, covariate, missing, rented.AsSpan(0, size)); }
        finally { ArrayPool<double>.Shared.Return(rented); }
    }

    /// <summary>
    /// Fits many covariates against one response with no allocation: <paramref name="covariates"/> holds
    /// <c>results.Length</c> covariates back to back, each <see cref="PatientSummary.PatientCount"/> long
    /// (covariate k is <c>covariates[k*m .. (k+1)*m)</c>).
    /// </summary>
    public static void FitMany(PatientSummary summary, ReadOnlySpan<double> covariates, Span<RandomInterceptFit> results, MissingCovariatePolicy missing = MissingCovariatePolicy.Fail)
    {
        ArgumentNullException.ThrowIfNull(summary);
        int m = summary.PatientCount;
        if (covariates.Length != (long)results.Length * m)
            throw new ArgumentException($"covariates has {covariates.Length} values; expected {results.Length} x {m}.", nameof(covariates));
        int size = BufferLength(m);
        if (m <= StackallocPatientLimit)
        {
            Span<double> buffer = stackalloc double[size];
            for (int k = 0; k < results.Length; k++) results[k] = FitCore(summary, covariates.Slice(k * m, m), missing, buffer);
            return;
        }
        double[] rented = ArrayPool<double>.Shared.Rent(size);
        try
        {
            for (int k = 0; k < results.Length; k++) results[k] = FitCore(summary, covariates.Slice(k * m, m), missing, rented.AsSpan(0, size));
        }
        finally { ArrayPool<double>.Shared.Return(rented); }
    }

    /// <summary>Convenience: summarises image-level <paramref name="y"/> and fits the patient-level <paramref name="patientCovariate"/>.</summary>
    public static RandomInterceptFit Fit(ReadOnlySpan<double> y, ReadOnlySpan<int> patientOfImage, ReadOnlySpan<double> patientCovariate,
        MissingCovariatePolicy missing = MissingCovariatePolicy.Fail)
        => Fit(PatientSummary.FromImages(y, patientOfImage, patientCovariate.Length), patientCovariate, missing);

    /// <summary>Profile quantities at one γ (all computed on centred x and centred patient means).</summary>
    internal struct Profile
    {
        public double Gamma;
        public double S0, S1, S2, Det;   // A = [[S0, S1], [S1, S2]], Det = det A
        public double B0, B1;            // β̂ for (1, x − x̄) and ȳ − centre
        public double Rss;               // SSW + Q
        public double D1, D2;            // f'(γ), f''(γ)
    }

    /// <summary>
    /// The active patients of one fit, compacted (n_i, ȳ_i − centre, x_i − x̄) with scratch weights, padded to a multiple of
    /// <see cref="Lanes"/> with n = ȳ = x = 0 entries (weight 0: they add exactly nothing to any sum).
    /// </summary>
    private ref struct Design
    {
        public Span<double> N, D, X, W; // length = M rounded up to Lanes
        public int M;
        public double Images, Ssw, XBar, MaxN, FirstX;
    }

    private const int Lanes = 4; // Vector256<double>

    private static int Padded(int m) => (m + Lanes - 1) / Lanes * Lanes;

    private static int BufferLength(int slots) => 4 * Padded(slots);

    /// <summary>
    /// Compacts the active patients into <paramref name="buffer"/>: slots with images and a finite covariate (others are skipped
    /// under <see cref="MissingCovariatePolicy.Omit"/>; under Fail the method returns false). x is not yet centred.
    /// </summary>
    private static bool Gather(PatientSummary s, ReadOnlySpan<double> x, MissingCovariatePolicy missing, Span<double> buffer, out Design design)
    {
        int slots = s.PatientCount, len = Padded(slots);
        ReadOnlySpan<double> counts = s.ImageCounts, centred = s.CenteredMeans;
        Span<double> nBuf = buffer[..len], dBuf = buffer.Slice(len, len), xBuf = buffer.Slice(2 * len, len), wBuf = buffer.Slice(3 * len, len);
        design = default;

        // The covariate mean is accumulated shifted by its first value (exact for constant x).
        int m = 0;
        double images = 0, first = 0, shifted = 0, maxN = 0;
        bool omitted = false;
        for (int i = 0; i < slots; i++)
        {
            double ni = counts[i];
            if (ni == 0) continue;
            double xi = x[i];
            if (!double.IsFinite(xi))
            {
                if (missing == MissingCovariatePolicy.Fail) return false;
                omitted = true;
                continue;
            }
            if (m == 0) first = xi;
            nBuf[m] = ni; dBuf[m] = centred[i]; xBuf[m] = xi;
            shifted += xi - first;
            images += ni;
            if (ni > maxN) maxN = ni;
            m++;
        }
        int padded = Padded(m);
        nBuf[m..padded].Clear(); dBuf[m..padded].Clear(); xBuf[m..padded].Clear();

        double ssw = s.WithinSumOfSquares;
        if (omitted)
        {
            ReadOnlySpan<double> within = s.PatientWithinSumOfSquares;
            ssw = 0;
            for (int i = 0; i < slots; i++)
                if (counts[i] > 0 && double.IsFinite(x[i])) ssw += within[i];
        }
        design = new Design
        {
            N = nBuf[..padded], D = dBuf[..padded], X = xBuf[..padded], W = wBuf[..padded], M = m,
            Images = images, Ssw = ssw, MaxN = maxN, FirstX = first, XBar = m > 0 ? first + shifted / m : 0,
        };
        return true;
    }

    private static void CentreCovariate(ref Design design)
    {
        for (int j = 0; j < design.M; j++) design.X[j] -= design.XBar; // padding stays 0
    }

    private static RandomInterceptFit FitCore(PatientSummary s, ReadOnlySpan<double> x, MissingCovariatePolicy missing, Span<double> buffer)
    {
        if (!s.IsFinite) return Failed(FitStatus.NonFiniteResponse, Messages.NonFiniteResponse, s.ActivePatientCount, s.ImageCount);

        if (!Gather(s, x, missing, buffer, out var design))
            return Failed(FitStatus.MissingCovariate, Messages.MissingCovariate, s.ActivePatientCount, s.ImageCount);
        int m = design.M;
        double images = design.Images, first = design.FirstX;

        bool constantResponse = design.Ssw == 0;
        for (int j = 0; j < m && constantResponse; j++) constantResponse = design.D[j] == design.D[0];
        if (m >= 3 && constantResponse)
            return Failed(FitStatus.ConstantResponse, Messages.ConstantResponse, m, (long)images) with
            {
                Intercept = s.Center + design.D[0], Slope = 0, InterceptStandardError = 0, SlopeStandardError = 0,
                ResidualVariance = 0, PatientVariance = 0, TotalVariance = 0,
            };

        // nlme:::getFixDF's `const` test: |x/x[1] − 1| < √ε for all rows (|x| < √ε when x[1] = 0). Such an x is treated like the
        // intercept by nlme and makes X singular; we flag it instead of returning numbers dominated by rounding.
        bool constantX = m > 0;
        double limit = first == 0 ? SqrtEpsilon : SqrtEpsilon * Math.Abs(first);
        for (int j = 0; j < m && constantX; j++)
            constantX = Math.Abs(design.X[j] - first) < limit;

        if (m < 3) return TooFewPatients(s, ref design, constantX);
        if (constantX) return Failed(FitStatus.ConstantCovariate, Messages.ConstantCovariate, m, (long)images);

        CentreCovariate(ref design);

        if (images == m)
        {
            // n_i = 1 for all: f(γ) is constant, every γ gives the same β and SE; evaluate at γ = 0 (OLS).
            var p0 = Evaluate(ref design, 0);
            double total = p0.Rss / (images - RemlRankOffset);
            return Build(FitStatus.VarianceComponentsNotIdentifiable, Messages.NotIdentifiable, s, ref design, p0, total,
                double.NaN, double.NaN, total, double.NaN, LogLikelihood(ref design, p0), 1);
        }
        if (design.Ssw == 0) return ZeroResidualLimit(s, ref design, 0);

        return Optimise(s, ref design);
    }

    private static RandomInterceptFit Optimise(PatientSummary s, ref Design design)
    {
        int evaluations = 0;
        double theta;
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        bool zeroChecked = false;

        // Start from the ANOVA-type moment estimate of γ: σ̂² = SSW/(N − m), σ̂_b² = s²(means | x) − σ̂²·mean(1/n_i).
        double gamma0 = MomentStart(ref design);
        if (!(gamma0 > 0))
        {
            var at0 = Evaluate(ref design, 0);
            evaluations++;
            zeroChecked = true;
            if (at0.D1 >= 0) return Boundary(s, ref design, at0, evaluations);
            // f'(0) < 0: the optimum is interior; first Newton step taken in γ from 0.
            gamma0 = at0.D2 > 0 ? -at0.D1 / at0.D2 : 1e-3;
        }
        theta = Math.Log(Math.Clamp(gamma0, 1e-10, 1e10));

        for (int iter = 0; iter < MaxIterations; iter++)
        {
            double gamma = Math.Exp(theta);
            var p = Evaluate(ref design, gamma);
            evaluations++;
            if (p.D1 > 0) hi = theta;
            else if (p.D1 < 0) lo = theta;
            else return Interior(s, ref design, p, evaluations);

            if (p.D1 > 0 && double.IsNegativeInfinity(lo) && !zeroChecked)
            {
                // Heading down with no point of negative slope yet: test the boundary once (f is increasing from γ = 0).
                var at0 = Evaluate(ref design, 0);
                evaluations++;
                zeroChecked = true;
                if (at0.D1 >= 0) return Boundary(s, ref design, at0, evaluations);
            }

            // Newton on G(θ) = γ f'(γ) = 0; G'(θ) = γ f' + γ² f''.
            double g = gamma * p.D1, gp = gamma * p.D1 + gamma * gamma * p.D2;
            double step = gp > 0 ? -g / gp : (p.D1 > 0 ? -MaxThetaStep : MaxThetaStep);
            step = Math.Clamp(step, -MaxThetaStep, MaxThetaStep);
            double next = theta + step;
            if (!(next > lo && next < hi))
                next = double.IsFinite(lo) && double.IsFinite(hi) ? 0.5 * (lo + hi) : theta + (p.D1 > 0 ? -MaxThetaStep : MaxThetaStep);

            if (Math.Abs(next - theta) <= ThetaTolerance || hi - lo <= BracketTolerance)
            {
                var final = Evaluate(ref design, Math.Exp(next));
                return Interior(s, ref design, final, evaluations + 1);
            }
            if (Math.Exp(next) * design.MaxN < TinyGammaTimesN)
            {
                // The root lies where γ·n_i < 1e-14: numerically identical to γ = 0 but f'(0) < 0, so report it as interior.
                var final = Evaluate(ref design, Math.Exp(next));
                return Interior(s, ref design, final, evaluations + 1);
            }
            if (Math.Exp(next) > GammaMax) return ZeroResidualLimit(s, ref design, evaluations);
            theta = next;
        }
        var last = Evaluate(ref design, Math.Exp(theta));
        return Interior(s, ref design, last, evaluations + 1) with { Status = FitStatus.NotConverged, Message = Messages.NotConverged };
    }

    private static double MomentStart(ref Design design)
    {
        int m = design.M;
        double sxx = 0, sxd = 0, sd = 0, sdd = 0, sInvN = 0;
        for (int j = 0; j < m; j++)
        {
            double xj = design.X[j], dj = design.D[j];
            sxx += xj * xj; sxd += xj * dj; sd += dj; sdd += dj * dj; sInvN += 1 / design.N[j];
        }
        double b1 = sxd / sxx, b0 = sd / m;
        double rss = Math.Max(0, sdd - m * b0 * b0 - b1 * sxd); // cancellation is harmless: only a starting value
        double sigma2 = design.Ssw / (design.Images - m);
        double sigmaB2 = rss / (m - 2) - sigma2 * sInvN / m;
        return sigmaB2 / sigma2;
    }

    /// <summary>
    /// Two passes over the patients at γ: β̂, SSW + Q, and the analytic f'(γ), f''(γ) of the restricted deviance.
    /// With w_i = n_i/(1 + n_iγ) (dw/dγ = −w²), r_i = ȳ_i − z_iᵀβ̂, h_i = z_iᵀA⁻¹z_i, P = Σw²r², M = Σw²zzᵀ, c = Σw²z r:
    /// f' = −(N−2)P/S + Σw − Σw²h;
    /// f'' = −(N−2)[(−2Σw³r² + 2cᵀA⁻¹c)/S + P²/S²] − Σw² + 2Σw³h − tr((A⁻¹M)²).
    /// </summary>
    private static Profile Evaluate(ref Design design, double gamma)
    {
        // Vector256 lanes hold patients i ≡ 0..3 (mod 4); each sum is reduced as (l0 + l1) + (l2 + l3) at the end. The same
        // arithmetic runs, lane by lane, in .NET's software fallback, so results are bit-identical with or without AVX.
        ref double n = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(design.N);
        ref double d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(design.D);
        ref double x = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(design.X);
        ref double w = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(design.W);
        nuint length = (nuint)design.N.Length;
        var one = Vector256.Create(1.0);
        var g = Vector256.Create(gamma);
        Vector256<double> s0 = default, s1 = default, s2 = default, t0 = default, t1 = default;
        Vector256<double> u0 = default, u1 = default, u2 = default, v0 = default, v1 = default, v2 = default;
        for (nuint i = 0; i < length; i += Lanes)
        {
            var ni = Vector256.LoadUnsafe(ref n, i);
            var wi = ni / (one + ni * g);
            wi.StoreUnsafe(ref w, i);
            var xi = Vector256.LoadUnsafe(ref x, i);
            var di = Vector256.LoadUnsafe(ref d, i);
            var wx = wi * xi;
            s0 += wi; s1 += wx; s2 += wx * xi;
            t0 += wi * di; t1 += wx * di;
            var w2 = wi * wi;
            var w2x = w2 * xi;
            u0 += w2; u1 += w2x; u2 += w2x * xi;
            var w3 = w2 * wi;
            var w3x = w3 * xi;
            v0 += w3; v1 += w3x; v2 += w3x * xi;
        }
        double S0 = Sum(s0), S1 = Sum(s1), S2 = Sum(s2), T0 = Sum(t0), T1 = Sum(t1);
        double U0 = Sum(u0), U1 = Sum(u1), U2 = Sum(u2), V0 = Sum(v0), V1 = Sum(v1), V2 = Sum(v2);
        double det = S0 * S2 - S1 * S1;
        double b0 = (S2 * T0 - S1 * T1) / det, b1 = (S0 * T1 - S1 * T0) / det;

        var vb0 = Vector256.Create(b0);
        var vb1 = Vector256.Create(b1);
        Vector256<double> q = default, pw2 = default, pw3 = default, c0 = default, c1 = default;
        for (nuint i = 0; i < length; i += Lanes)
        {
            var wi = Vector256.LoadUnsafe(ref w, i);
            var xi = Vector256.LoadUnsafe(ref x, i);
            var r = Vector256.LoadUnsafe(ref d, i) - vb0 - vb1 * xi;
            var wr = wi * r;
            var w2r = wi * wr;
            q += wr * r; pw2 += w2r * r; pw3 += wi * w2r * r;
            c0 += w2r; c1 += w2r * xi;
        }
        double Q = Sum(q), P2 = Sum(pw2), P3 = Sum(pw3), C0 = Sum(c0), C1 = Sum(c1);

        double rss = design.Ssw + Q;
        double k = design.Images - RemlRankOffset;
        double h2 = (S2 * U0 - 2 * S1 * U1 + S0 * U2) / det;      // Σ w² h
        double h3 = (S2 * V0 - 2 * S1 * V1 + S0 * V2) / det;      // Σ w³ h
        double cAc = (S2 * C0 * C0 - 2 * S1 * C0 * C1 + S0 * C1 * C1) / det;
        // A⁻¹M = [[a, b], [c, e]]
        double a = (S2 * U0 - S1 * U1) / det, b = (S2 * U1 - S1 * U2) / det;
        double c = (S0 * U1 - S1 * U0) / det, e = (S0 * U2 - S1 * U1) / det;
        double d1 = -k * P2 / rss + S0 - h2;
        double dp = -2 * P3 + 2 * cAc;
        double d2 = -k * (dp / rss + P2 * P2 / (rss * rss)) - U0 + 2 * h3 - (a * a + 2 * b * c + e * e);
        return new Profile { Gamma = gamma, S0 = S0, S1 = S1, S2 = S2, Det = det, B0 = b0, B1 = b1, Rss = rss, D1 = d1, D2 = d2 };
    }

    // Fixed-order horizontal sum (Vector256.Sum's order is not specified across platforms).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(Vector256<double> v) => (v.GetElement(0) + v.GetElement(1)) + (v.GetElement(2) + v.GetElement(3));

    /// <summary>ℓ_R = −½[(N−2)(log 2π + 1 + log σ̂²) + Σ log(1 + n_iγ) + log det A], nlme's REML logLik.</summary>
    private static double LogLikelihood(ref Design design, in Profile p)
    {
        double k = design.Images - RemlRankOffset;
        return -0.5 * (k * (LogTwoPiPlusOne + Math.Log(p.Rss / k)) + LogDetV(ref design, p.Gamma) + Math.Log(p.Det));
    }

    /// <summary>Σ log(1 + n_iγ), as logs of products of 8 factors (each ≤ 1 + n·1e15, so a block cannot overflow): 8× fewer logs.</summary>
    private static double LogDetV(ref Design design, double gamma)
    {
        if (gamma == 0) return 0;
        double sum = 0;
        int m = design.M;
        for (int start = 0; start < m; start += 8)
        {
            double product = 1;
            int end = Math.Min(m, start + 8);
            for (int i = start; i < end; i++) product *= 1 + design.N[i] * gamma;
            if (double.IsFinite(product)) sum += Math.Log(product);
            else for (int i = start; i < end; i++) sum += Math.Log(1 + design.N[i] * gamma);
        }
        return sum;
    }

    private static RandomInterceptFit Interior(PatientSummary s, ref Design design, in Profile p, int evaluations)
    {
        double sigma2 = p.Rss / (design.Images - RemlRankOffset);
        double sigmaB2 = p.Gamma * sigma2;
        return Build(FitStatus.Ok, Messages.Ok, s, ref design, p, sigma2, sigma2, sigmaB2, sigma2 + sigmaB2, p.Gamma,
            LogLikelihood(ref design, p), evaluations);
    }

    private static RandomInterceptFit Boundary(PatientSummary s, ref Design design, in Profile p, int evaluations)
    {
        double sigma2 = p.Rss / (design.Images - RemlRankOffset);
        return Build(FitStatus.BoundaryZeroPatientVariance, Messages.Boundary, s, ref design, p, sigma2, sigma2, 0, sigma2, 0,
            LogLikelihood(ref design, p), evaluations);
    }

    /// <summary>
    /// σ² → 0 (γ → ∞): w_i → 1/γ uniformly, so β̂ is unweighted OLS on the patient means and Var(β̂) = σ_b²(ZᵀZ)⁻¹ with
    /// σ̂_b² = RSS/(m − 2); the restricted likelihood diverges to +∞.
    /// </summary>
    private static RandomInterceptFit ZeroResidualLimit(PatientSummary s, ref Design design, int evaluations)
    {
        // Unit weights: evaluate with n_i = 1 and γ = 0 (the counts are not needed any more), and no within part; padding keeps n = 0.
        design.N[..design.M].Fill(1);
        design.Ssw = 0;
        var p = Evaluate(ref design, 0);
        int m = design.M;
        double sigmaB2 = p.Rss / (m - RemlRankOffset);
        double sdd = 0;
        for (int j = 0; j < m; j++) sdd += design.D[j] * design.D[j];
        if (p.Rss <= 64 * Math.Pow(2, -104) * sdd)
        {
            var fit = Build(FitStatus.PerfectFit, Messages.PerfectFit, s, ref design, p, sigmaB2, 0, sigmaB2, sigmaB2, double.PositiveInfinity,
                double.PositiveInfinity, evaluations + 1);
            return fit with { InterceptT = double.NaN, SlopeT = double.NaN, InterceptP = double.NaN, SlopeP = double.NaN };
        }
        return Build(FitStatus.ZeroResidualVariance, Messages.ZeroResidual, s, ref design, p, sigmaB2, 0, sigmaB2, sigmaB2,
            double.PositiveInfinity, double.PositiveInfinity, evaluations + 1);
    }

    private static RandomInterceptFit TooFewPatients(PatientSummary s, ref Design design, bool constantX)
    {
        var fit = Failed(FitStatus.TooFewPatients, Messages.TooFewPatients, design.M, (long)design.Images);
        if (design.M != 2 || constantX) return fit;
        // Two patients: the line through the two means is determined (σ-independent), its uncertainty is not.
        double slope = (design.D[1] - design.D[0]) / (design.X[1] - design.X[0]);
        return fit with { Slope = slope, Intercept = s.Center + design.D[0] - slope * design.X[0] };
    }

    /// <summary>Assembles a result from the centred-parameter solution: β0 = centre + b0 − b1·x̄, Var from σ²_var·A⁻¹.</summary>
    private static RandomInterceptFit Build(FitStatus status, string message, PatientSummary s, ref Design design, in Profile p,
        double varianceScale, double sigma2, double sigmaB2, double total, double gamma, double logLik, int evaluations)
    {
        int m = design.M;
        double xbar = design.XBar;
        double varB1 = varianceScale * p.S0 / p.Det;
        double varB0 = varianceScale * (p.S2 + 2 * xbar * p.S1 + xbar * xbar * p.S0) / p.Det;
        double cov = -varianceScale * (p.S1 + xbar * p.S0) / p.Det;
        double b1 = p.B1, b0 = s.Center + p.B0 - b1 * xbar;
        double se0 = Math.Sqrt(varB0), se1 = Math.Sqrt(varB1);
        double df1 = m - 2, df0 = Math.Max(m - 2, design.Images - m);
        double t0 = b0 / se0, t1 = b1 / se1;
        return new RandomInterceptFit
        {
            Status = status, Message = message, PatientCount = m, ImageCount = (long)design.Images,
            Intercept = b0, Slope = b1, InterceptStandardError = se0, SlopeStandardError = se1, InterceptSlopeCovariance = cov,
            InterceptT = t0, SlopeT = t1, InterceptDegreesOfFreedom = df0, SlopeDegreesOfFreedom = df1,
            InterceptP = StudentT.TwoSidedP(t0, df0), SlopeP = StudentT.TwoSidedP(t1, df1),
            ResidualVariance = sigma2, PatientVariance = sigmaB2, TotalVariance = total, VarianceRatio = gamma,
            RestrictedLogLikelihood = logLik, Evaluations = evaluations,
        };
    }

    private static RandomInterceptFit Failed(FitStatus status, string message, int m, long images) => new()
    {
        Status = status, Message = message, PatientCount = m, ImageCount = images,
        Intercept = double.NaN, Slope = double.NaN, InterceptStandardError = double.NaN, SlopeStandardError = double.NaN,
        InterceptSlopeCovariance = double.NaN, InterceptT = double.NaN, SlopeT = double.NaN,
        InterceptDegreesOfFreedom = double.NaN, SlopeDegreesOfFreedom = double.NaN, InterceptP = double.NaN, SlopeP = double.NaN,
        ResidualVariance = double.NaN, PatientVariance = double.NaN, TotalVariance = double.NaN, VarianceRatio = double.NaN,
        RestrictedLogLikelihood = double.NaN,
    };

    /// <summary>
    /// Test hook: the fit at a fixed variance ratio γ (no optimisation), for checking the closed form against a reference's
    /// output at the reference's own γ, which separates formula errors from optimiser tolerance. Non-finite covariates are omitted.
    /// </summary>
    internal static RandomInterceptFit FitAtVarianceRatio(PatientSummary s, ReadOnlySpan<double> covariate, double gamma)
    {
        var design = HookDesign(s, covariate);
        var p = Evaluate(ref design, gamma);
        return Interior(s, ref design, p, 1);
    }

    /// <summary>Test hook: f(γ) = −2ℓ_R, f'(γ), f''(γ) of the restricted deviance (non-finite covariates omitted).</summary>
    internal static (double F, double D1, double D2) Deviance(PatientSummary s, ReadOnlySpan<double> covariate, double gamma)
    {
        var design = HookDesign(s, covariate);
        var p = Evaluate(ref design, gamma);
        return (-2 * LogLikelihood(ref design, p), p.D1, p.D2);
    }

    private static Design HookDesign(PatientSummary s, ReadOnlySpan<double> covariate)
    {
        Gather(s, covariate, MissingCovariatePolicy.Omit, new double[BufferLength(s.PatientCount)], out var design);
        CentreCovariate(ref design);
        return design;
    }
}
