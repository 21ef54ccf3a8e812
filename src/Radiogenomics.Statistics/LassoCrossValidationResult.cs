namespace Radiogenomics.Statistics;

/// <summary>The result of <see cref="LassoCrossValidation.Run"/>: the full-data path, cvm/cvsd per λ, λ.min and λ.1se.</summary>
public sealed class LassoCrossValidationResult
{
    internal LassoCrossValidationResult(LogisticLassoPath fit, double[] cvm, double[] cvsd, int indexMin, int indexOneSe, double[,] foldAuc)
    {
        Fit = fit;
        Cvm = cvm;
        Cvsd = cvsd;
        IndexMin = indexMin;
        IndexOneSe = indexOneSe;
        FoldAuc = foldAuc;
    }

    /// <summary>The path fitted on all rows (<c>glmnet.fit</c>).</summary>
    public LogisticLassoPath Fit { get; }

    /// <summary>Fold-size-weighted mean AUC per λ.</summary>
    public IReadOnlyList<double> Cvm { get; }

    public IReadOnlyList<double> Cvsd { get; }

    /// <summary>0-based step of λ.min.</summary>
    public int IndexMin { get; }

    /// <summary>0-based step of λ.1se.</summary>
    public int IndexOneSe { get; }

    public double LambdaMin => Fit.Lambda[IndexMin];

    public double LambdaOneSe => Fit.Lambda[IndexOneSe];

    /// <summary>AUC per fold (row) and λ (column).</summary>
    public double[,] FoldAuc { get; }
}
