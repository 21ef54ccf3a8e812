namespace Radiogenomics.Statistics;

/// <summary>A fitted <c>glmnet(family = "binomial")</c> path (see <see cref="GlmnetPath"/>); <see cref="GlmnetPath.Link"/> gives log-odds.</summary>
public sealed class LogisticLassoPath : GlmnetPath
{
    internal LogisticLassoPath(double[] lambda, double[] intercept, double[][] beta, int[] df, double[] devianceRatio,
        double nullDeviance, int passes, string? warning)
        : base(lambda, intercept, beta, df, devianceRatio, nullDeviance, passes, warning)
    {
    }
}
