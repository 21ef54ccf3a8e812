namespace Radiogenomics.Statistics;

/// <summary>
/// A logistic model's nomogram as <c>rms::nomogram(fit, fun = plogis)</c> lays it out: a points axis per predictor (the
/// widest-ranging predictor spans 0–100), the total-points axis, and the linear-predictor and probability axes placed on
/// the total-points scale. Total points t correspond to the linear predictor <see cref="Intercept"/> + t / <see cref="PointsPerUnit"/>.
/// </summary>
public sealed class NomogramScale
{
    internal NomogramScale(IReadOnlyList<NomogramAxis> predictors, NomogramAxis totalPoints, NomogramAxis linearPredictor, NomogramAxis probability,
        double pointsPerUnit, double intercept, IReadOnlyList<double> minimumEffects)
    {
        Predictors = predictors;
        TotalPoints = totalPoints;
        LinearPredictor = linearPredictor;
        Probability = probability;
        PointsPerUnit = pointsPerUnit;
        Intercept = intercept;
        MinimumEffects = minimumEffects;
    }

    public IReadOnlyList<NomogramAxis> Predictors { get; }
    public NomogramAxis TotalPoints { get; }
    public NomogramAxis LinearPredictor { get; }
    public NomogramAxis Probability { get; }

    /// <summary>rms's <c>sc</c>: points per unit of the linear predictor.</summary>
    public double PointsPerUnit { get; }

    /// <summary>rms's nomogram intercept: the model intercept plus every predictor's smallest axis contribution (0 total points).</summary>
    public double Intercept { get; }

    /// <summary>Each predictor's smallest contribution to the linear predictor on its axis (its 0 points).</summary>
    public IReadOnlyList<double> MinimumEffects { get; }

    /// <summary>Points of a contribution β·x of predictor <paramref name="predictor"/>.</summary>
    public double Points(int predictor, double effect) => (effect - MinimumEffects[predictor]) * PointsPerUnit;

    /// <summary>The linear predictor at <paramref name="totalPoints"/>.</summary>
    public double LinearPredictorAt(double totalPoints) => Intercept + totalPoints / PointsPerUnit;
}
