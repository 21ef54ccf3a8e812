namespace Radiogenomics.Statistics;

/// <summary>The result of <see cref="ElasticNetCrossValidation.Run"/>: the full-data path, cvm/cvsd (MSE) per λ, λ.min and λ.1se.</summary>
public sealed class ElasticNetCrossValidationResult
{
    internal ElasticNetCrossValidationResult(GlmnetPath fit, double[] cvm, double[] cvsd, int indexMin, int indexOneSe, double[,] foldMse)
    {
        Fit = fit;
        Cvm = cvm;
        Cvsd = cvsd;
        IndexMin = indexMin;
        IndexOneSe = indexOneSe;
        FoldMse = foldMse;
    }

    /// <summary>The path fitted on all rows (<c>glmnet.fit</c>).</summary>
    public GlmnetPath Fit { get; }

    /// <summary>Fold-size-weighted mean squared error per λ.</summary>
    public IReadOnlyList<double> Cvm { get; }

    public IReadOnlyList<double> Cvsd { get; }

    /// <summary>0-based step of λ.min.</summary>
    public int IndexMin { get; }

    /// <summary>0-based step of λ.1se.</summary>
    public int IndexOneSe { get; }

    public double LambdaMin => Fit.Lambda[IndexMin];

    public double LambdaOneSe => Fit.Lambda[IndexOneSe];

    /// <summary>Mean squared error per fold (row) and λ (column).</summary>
    public double[,] FoldMse { get; }
}
