namespace Radiogenomics.Stages;

/// <summary>A patient with a missing genomic value: left out of that fit (na.omit) or failing it (na.fail).</summary>
public enum MissingGenomicPolicy
{
    Omit,
    Fail,
}
