namespace Radiogenomics.Statistics;

/// <summary>The result of <see cref="CoxLassoCrossValidation.Run"/>: the full-data path, cvm/cvsd per λ, λ.min and λ.1se.</summary>
public sealed class CoxLassoCrossValidationResult
{
    internal CoxLassoCrossValidationResult(CoxLassoPath fit, CoxLassoMeasure measure, double[] cvm, double[] cvsd, int indexMin, int indexOneSe, double[,] foldValues)
    {
        Fit = fit;
        Measure = measure;
        Cvm = cvm;
        Cvsd = cvsd;
        IndexMin = indexMin;
        IndexOneSe = indexOneSe;
        FoldValues = foldValues;
    }

    /// <summary>The path fitted on all rows (<c>glmnet.fit</c>).</summary>
    public CoxLassoPath Fit { get; }

    public CoxLassoMeasure Measure { get; }

    /// <summary>Mean of the fold values per λ, weighted by the fold's events (deviance) or subjects (C).</summary>
    public IReadOnlyList<double> Cvm { get; }

    public IReadOnlyList<double> Cvsd { get; }

    /// <summary>0-based step of λ.min.</summary>
    public int IndexMin { get; }

    /// <summary>0-based step of λ.1se.</summary>
    public int IndexOneSe { get; }

    public double LambdaMin => Fit.Lambda[IndexMin];

    public double LambdaOneSe => Fit.Lambda[IndexOneSe];

    /// <summary>Deviance per event or C per fold (row) and λ (column).</summary>
    public double[,] FoldValues { get; }
}
