namespace Radiogenomics.Synthetic;

/// <summary>
/// The planted causal structure, shared by the simulator and the truth table so the two can never disagree.
/// Latent vector x (length 11): the 7 <see cref="DriverProgram"/> activities (correlated, SD 1) then 4 single-gene drivers (independent N(0,1)).
/// Every target is linear in x plus independent noise: tumour property scores, receptor/N-stage liabilities (probit), Cox linear predictor.
/// </summary>
internal sealed class LatentModel
{
    public const int ProgramCount = 7;
    public const int SingleGeneCount = 4;
    public const int Dimension = ProgramCount + SingleGeneCount;

    /// <summary>Single-gene drivers (real HGNC symbols with a plausible link to the phenotype) and the property each drives.</summary>
    public static readonly string[] SingleGeneSymbols = ["CCND1", "ANGPTL4", "PLOD2", "TGFBI"];
    public static readonly TumourProperty[] SingleGeneTargets =
        [TumourProperty.Size, TumourProperty.Enhancement, TumourProperty.Heterogeneity, TumourProperty.MarginIrregularity];

    /// <summary>Correlation of programme activities (order of <see cref="DriverProgram"/>): luminal vs proliferation anti-correlated, angiogenesis with hypoxia, etc.</summary>
    public static readonly double[,] ProgramCorrelation =
    {
        //  Lum    Her2   Prol   Ang    Hyp    Str    Imm
        {  1.00,  0.00, -0.45,  0.00, -0.15,  0.00, -0.20 },
        {  0.00,  1.00,  0.00,  0.00,  0.00,  0.00,  0.00 },
        { -0.45,  0.00,  1.00,  0.00,  0.30,  0.00,  0.15 },
        {  0.00,  0.00,  0.00,  1.00,  0.40,  0.15,  0.00 },
        { -0.15,  0.00,  0.30,  0.40,  1.00,  0.00,  0.00 },
        {  0.00,  0.00,  0.00,  0.15,  0.00,  1.00,  0.00 },
        { -0.20,  0.00,  0.15,  0.00,  0.00,  0.00,  1.00 },
    };

    private const double Her2NoiseSd = 0.4, Her2AmplifiedShift = 2.5;
    private static readonly int[] NonHer2Programs = [0, 2, 3, 4, 5, 6];

    private readonly double[,] _cholesky; // of the 6×6 non-HER2 block
    private readonly double _her2Mean, _her2Sd, _her2AmplifiedFraction;

    public LatentModel(CohortSpec spec)
    {
        var e = spec.Effects;
        double k = e.Scale;
        _her2AmplifiedFraction = spec.Her2AmplifiedFraction;
        _her2Mean = Her2AmplifiedShift * _her2AmplifiedFraction;
        _her2Sd = Math.Sqrt(Her2NoiseSd * Her2NoiseSd + Her2AmplifiedShift * Her2AmplifiedShift * _her2AmplifiedFraction * (1 - _her2AmplifiedFraction));
        _cholesky = Cholesky(NonHer2Programs);

        Covariance = new double[Dimension, Dimension];
        for (int a = 0; a < ProgramCount; a++)
            for (int b = 0; b < ProgramCount; b++) Covariance[a, b] = ProgramCorrelation[a, b];
        for (int s = 0; s < SingleGeneCount; s++) Covariance[ProgramCount + s, ProgramCount + s] = 1;

        PropertyCoefficients = new double[5][];
        for (int p = 0; p < 5; p++) PropertyCoefficients[p] = new double[Dimension];
        void Set(TumourProperty p, DriverProgram d, double beta) => PropertyCoefficients[(int)p][(int)d] = k * beta;
        Set(TumourProperty.Size, DriverProgram.Proliferation, e.ProliferationOnSize);
        Set(TumourProperty.Enhancement, DriverProgram.Angiogenesis, e.AngiogenesisOnEnhancement);
        Set(TumourProperty.Enhancement, DriverProgram.Her2Amplicon, e.Her2OnEnhancement);
        Set(TumourProperty.Washout, DriverProgram.Hypoxia, e.HypoxiaOnWashout);
        Set(TumourProperty.Washout, DriverProgram.Luminal, e.LuminalOnWashout);
        Set(TumourProperty.Heterogeneity, DriverProgram.Hypoxia, e.HypoxiaOnHeterogeneity);
        Set(TumourProperty.Heterogeneity, DriverProgram.Proliferation, e.ProliferationOnHeterogeneity);
        Set(TumourProperty.MarginIrregularity, DriverProgram.Stromal, e.StromalOnMargin);
        for (int s = 0; s < SingleGeneCount; s++)
            PropertyCoefficients[(int)SingleGeneTargets[s]][ProgramCount + s] = k * e.SingleGeneDriverEffect;

        PropertyResidualSd = new double[5];
        for (int p = 0; p < 5; p++)
            PropertyResidualSd[p] = Math.Sqrt(Math.Max(0.05, 1 - Quadratic(PropertyCoefficients[p])));

        ErSlope = k * e.LuminalOnErProbit;
        PrSlope = k * e.LuminalOnPrProbit;
        // Liability y = slope·a + N(0,1) noise; positive when y > threshold, threshold chosen for the prevalence.
        ErThreshold = -RandomVariates.NormalQuantile(spec.ErPositiveFraction) * Math.Sqrt(ErSlope * ErSlope + 1);
        PrThreshold = -RandomVariates.NormalQuantile(spec.PrPositiveFraction) * Math.Sqrt(PrSlope * PrSlope + 1);

        NodeCoefficients = new double[Dimension];
        NodeCoefficients[(int)DriverProgram.Proliferation] = k * e.ProliferationOnNodes;
        NodeCoefficients[(int)DriverProgram.Stromal] = k * e.StromalOnNodes;
        NodeSizeCoefficient = k * e.SizeOnNodes;
        var sizeCoef = PropertyCoefficients[(int)TumourProperty.Size];
        var nodeTotal = new double[Dimension];
        for (int i = 0; i < Dimension; i++) nodeTotal[i] = NodeCoefficients[i] + NodeSizeCoefficient * sizeCoef[i];
        double sizeResidual = PropertyResidualSd[(int)TumourProperty.Size];
        NodeLiabilityTotalCoefficients = nodeTotal;
        NodeLiabilityVariance = Quadratic(nodeTotal) + NodeSizeCoefficient * NodeSizeCoefficient * sizeResidual * sizeResidual + 1;
        NodeCutpoints = new double[3];
        double cumulative = 0, total = spec.NodeStageProportions.Sum();
        for (int c = 0; c < 3; c++)
        {
            cumulative += spec.NodeStageProportions[c] / total;
            NodeCutpoints[c] = RandomVariates.NormalQuantile(cumulative) * Math.Sqrt(NodeLiabilityVariance);
        }

        HazardCoefficients = new double[Dimension];
        HazardCoefficients[(int)DriverProgram.Proliferation] = k * e.ProliferationLogHazard;
        HazardCoefficients[(int)DriverProgram.Luminal] = k * e.LuminalLogHazard;
        HazardCoefficients[(int)DriverProgram.Immune] = k * e.ImmuneLogHazard;
        AgeLogHazardPerDecade = k * e.AgeLogHazardPerDecade;
        WeibullShape = spec.BaselineWeibullShape;
        WeibullRate = -Math.Log(spec.BaselineFiveYearSurvival) / Math.Pow(5 * 365.25, WeibullShape);
    }

    /// <summary>Covariance of the latent vector x.</summary>
    public double[,] Covariance { get; }
    public double[][] PropertyCoefficients { get; }
    public double[] PropertyResidualSd { get; }
    public double ErSlope { get; }
    public double PrSlope { get; }
    public double ErThreshold { get; }
    public double PrThreshold { get; }
    public double[] NodeCoefficients { get; }
    public double NodeSizeCoefficient { get; }
    /// <summary>N-stage liability coefficients on x with the size property substituted in.</summary>
    public double[] NodeLiabilityTotalCoefficients { get; }
    public double NodeLiabilityVariance { get; }
    public double[] NodeCutpoints { get; }
    public double[] HazardCoefficients { get; }
    public double AgeLogHazardPerDecade { get; }
    public double WeibullShape { get; }
    public double WeibullRate { get; }
    public const double MeanAge = 58, AgeSd = 13;

    /// <summary>Draws x and whether the ERBB2 amplicon is amplified. HER2 activity is a standardised two-component mixture: amplified tumours sit 2.5 units up.</summary>
    public (double[] Latent, bool Her2Amplified) Sample(Xoshiro256StarStar rng)
    {
        var x = new double[Dimension];
        Span<double> z = stackalloc double[NonHer2Programs.Length];
        for (int i = 0; i < z.Length; i++) z[i] = rng.NextGaussian();
        for (int i = 0; i < NonHer2Programs.Length; i++)
        {
            double v = 0;
            for (int j = 0; j <= i; j++) v += _cholesky[i, j] * z[j];
            x[NonHer2Programs[i]] = v;
        }
        bool amplified = rng.NextBool(_her2AmplifiedFraction);
        double raw = Her2NoiseSd * rng.NextGaussian() + (amplified ? Her2AmplifiedShift : 0);
        x[(int)DriverProgram.Her2Amplicon] = (raw - _her2Mean) / _her2Sd;
        for (int s = 0; s < SingleGeneCount; s++) x[ProgramCount + s] = rng.NextGaussian();
        return (x, amplified);
    }

    /// <summary>bᵀ Σ b.</summary>
    public double Quadratic(double[] b)
    {
        double q = 0;
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j < Dimension; j++) q += b[i] * Covariance[i, j] * b[j];
        return q;
    }

    /// <summary>Σ b: covariance of each latent coordinate with a target whose coefficient vector is b.</summary>
    public double[] CovarianceWith(double[] b)
    {
        var c = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
            for (int j = 0; j < Dimension; j++) c[i] += Covariance[i, j] * b[j];
        return c;
    }

    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[,] Cholesky(int[] index)
    {
        int n = index.Length;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = ProgramCorrelation[index[i], index[j]];
                for (int m = 0; m < j; m++) s -= l[i, m] * l[j, m];
                if (i == j)
                {
                    if (s <= 0) throw new InvalidOperationException("Programme correlation matrix is not positive definite.");
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        return l;
    }
}
