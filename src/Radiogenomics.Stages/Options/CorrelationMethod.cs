namespace Radiogenomics.Stages;

/// <summary>cor.test's method.</summary>
public enum CorrelationMethod
{
    Spearman,
    Pearson,
}
