namespace Radiogenomics.Statistics;

/// <summary>
/// glmnet's λ sequence and path-stopping constants, shared by every family: step 0 at λ = big (nothing enters), step 1 at
/// λ_max·alf with λ_max = max|gradient|/max(α, 1e-3), then ×alf per step, alf = max(eps, lambda.min.ratio)^(1/(nlambda − 1));
/// or the user's λ (sorted decreasing). The first computed λ is reported as the log-linear extrapolation of the next two
/// (R's fix.lam).
/// </summary>
internal sealed class GlmnetLambdaSchedule
{
    public const double FractionalDevianceChange = 1e-5; // glmnet.control fdev
    public const double MaxDevianceRatio = 0.999;        // devmax
    private const double MinLambdaRatio = 1e-6;          // eps
    private const double Big = 9.9e35;                   // big
    private const int MinStepsBeforeStop = 5;             // mnlam

    private readonly double[]? _user;
    private readonly double _alf, _alpha;

    /// <summary><paramref name="userScale"/> divides user λ (the Gaussian family fits a unit-variance y).</summary>
    public GlmnetLambdaSchedule(GlmnetOptions options, int n, int p, double userScale = 1)
    {
        _alpha = options.Alpha;
        if (!(_alpha >= 0 && _alpha <= 1)) throw new ArgumentException($"alpha must be in [0, 1], was {_alpha}");
        var user = options.Lambda?.OrderByDescending(l => l).ToArray();
        if (user is not null && user.Any(l => !(l >= 0))) throw new ArgumentException("λ values must be ≥ 0");
        Count = user?.Length ?? options.LambdaCount;
        if (Count < 1) throw new ArgumentException("at least one λ is needed");
        if (user is not null)
        {
            _user = user.Select(l => l / userScale).ToArray();
            _alf = 1;
            return;
        }
        double flmin = options.LambdaMinRatio ?? (n < p ? 0.01 : 1e-4);
        if (!(flmin > 0 && flmin < 1)) throw new ArgumentException($"lambda.min.ratio must be in (0, 1), was {flmin}");
        _alf = Math.Pow(Math.Max(MinLambdaRatio, flmin), 1.0 / (Count - 1.0));
    }

    /// <summary>Number of λ (the path may stop earlier).</summary>
    public int Count { get; }

    /// <summary>True when the user gave λ: the path then never stops early.</summary>
    public bool UserGiven => _user is not null;

    /// <summary>Steps fitted before the early-stop rules apply (mnlam).</summary>
    public int MinimumSteps => Math.Min(MinStepsBeforeStop, Count);

    /// <summary>
    /// λ of step <paramref name="m"/> given the previous step's λ (0 before the first), and the previous λ the strong rule
    /// uses (λ_max at step 1). <paramref name="maxAbsGradient"/> is evaluated at step 1 only.
    /// </summary>
    public (double Lambda, double Previous) Next(int m, double current, Func<double> maxAbsGradient)
    {
        if (_user is not null) return (_user[m], current);
        if (m > 1) return (current * _alf, current);
        if (m == 0) return (Big, current);
        double lambdaMax = maxAbsGradient() / Math.Max(_alpha, 1e-3);
        return (lambdaMax * _alf, lambdaMax);
    }

    /// <summary>R's fix.lam on a computed sequence: λ₁ = exp(2 log λ₂ − log λ₃) when there are more than two steps.</summary>
    public void FixFirst(double[] lambda)
    {
        if (_user is null && lambda.Length > 2) lambda[0] = Math.Exp(2 * Math.Log(lambda[1]) - Math.Log(lambda[2]));
    }

    /// <summary>glmnet's early stop after step <paramref name="m"/> (0-based): too many non-zero, too little gain, or near-perfect fit.</summary>
    public bool ShouldStop(int m, int nonZero, int maxNonZero, double relativeGain, double devianceRatio) =>
        m + 1 >= MinimumSteps && !UserGiven
        && (nonZero > maxNonZero || relativeGain < FractionalDevianceChange || devianceRatio > MaxDevianceRatio);
}
