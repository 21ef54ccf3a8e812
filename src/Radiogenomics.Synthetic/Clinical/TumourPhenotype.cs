namespace Radiogenomics.Synthetic;

/// <summary>
/// A patient's tumour imaging phenotype: the five standardised property scores the genomic truth drives, and the physical
/// parameters the image renderer uses (derived from the scores by fixed monotone maps).
/// </summary>
/// <param name="Scores">Standardised score per <see cref="TumourProperty"/> (index = enum value), mean 0, SD 1.</param>
/// <param name="DiameterMm">Target equivalent-sphere diameter (the rendered tumour is clipped to the breast, so the mask may be slightly smaller).</param>
/// <param name="PeakEnhancement">A of the empirical kinetic model E(t) = A(1 − e^(−αt))e^(−βt): relative enhancement over pre-contrast.</param>
/// <param name="WashInRatePerSecond">α.</param>
/// <param name="WashOutRatePerSecond">β (negative: persistent rise).</param>
/// <param name="HeterogeneityAmplitude">Relative SD of voxel-wise enhancement inside the tumour.</param>
/// <param name="RimEnhancement">Extra relative enhancement at the tumour periphery (rim).</param>
/// <param name="NecrosisFraction">Radius fraction of a non-enhancing core (0: none).</param>
/// <param name="LobulationAmplitude">Relative SD of the lobulated radius.</param>
/// <param name="SpiculeCount">Number of spicules.</param>
/// <param name="SpiculeLengthMm">Mean spicule length beyond the surface.</param>
/// <param name="CurveType">BI-RADS curve type of the patient-level kinetics at this patient's phase times.</param>
public sealed record TumourPhenotype(
    IReadOnlyList<double> Scores,
    double DiameterMm, double PeakEnhancement, double WashInRatePerSecond, double WashOutRatePerSecond,
    double HeterogeneityAmplitude, double RimEnhancement, double NecrosisFraction,
    double LobulationAmplitude, int SpiculeCount, double SpiculeLengthMm, KineticCurveType CurveType)
{
    public double Score(TumourProperty property) => Scores[(int)property];

    /// <summary>Patient-level relative enhancement E(t) at <paramref name="seconds"/> after injection.</summary>
    public double Enhancement(double seconds) =>
        PeakEnhancement * (1 - Math.Exp(-WashInRatePerSecond * seconds)) * Math.Exp(-WashOutRatePerSecond * seconds);

    /// <summary>Maps standardised scores to physical parameters; the maps are fixed and monotone so the scores stay the truth.</summary>
    internal static TumourPhenotype FromScores(double[] z, IReadOnlyList<double> postContrastTimes)
    {
        double size = z[(int)TumourProperty.Size], enh = z[(int)TumourProperty.Enhancement], wash = z[(int)TumourProperty.Washout];
        double het = z[(int)TumourProperty.Heterogeneity], margin = z[(int)TumourProperty.MarginIrregularity];
        double diameter = Math.Clamp(25 * Math.Exp(0.40 * size), 7, 60);
        double peak = Math.Clamp(1.3 * Math.Exp(0.30 * enh), 0.5, 3.0);
        double alpha = Math.Clamp(0.025 * Math.Exp(0.30 * enh), 0.008, 0.08);
        double beta = Math.Clamp(0.0010 + 0.0010 * wash, -0.0008, 0.0035);
        double hetAmp = Math.Clamp(0.22 * Math.Exp(0.40 * het), 0.05, 0.7);
        double rim = Math.Clamp(0.25 + 0.25 * Math.Max(0, het + 0.5), 0, 1.0);
        double necrosis = Math.Clamp(0.25 * (het + 0.5 * size - 0.6), 0, 0.55);
        double lobulation = Math.Clamp(0.12 * Math.Exp(0.40 * margin), 0.04, 0.40);
        int spicules = (int)Math.Round(Math.Clamp(4.0 * (margin + 0.6), 0, 16));
        double spiculeLength = Math.Clamp(5 + 5 * Math.Max(0, margin + 0.5), 5, 22);

        var provisional = new TumourPhenotype(z, diameter, peak, alpha, beta, hetAmp, rim, necrosis, lobulation, spicules, spiculeLength, KineticCurveType.Plateau);
        double early = 1 + provisional.Enhancement(postContrastTimes[0]);
        double late = 1 + provisional.Enhancement(postContrastTimes[^1]);
        double change = (late - early) / early;
        var type = change > 0.10 ? KineticCurveType.Persistent : change < -0.10 ? KineticCurveType.Washout : KineticCurveType.Plateau;
        return provisional with { CurveType = type };
    }
}
