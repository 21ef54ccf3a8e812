namespace Radiogenomics.DataSources;

/// <summary>ER, PR or HER2 status as recorded (IHC, or ISH where that decided HER2).</summary>
public enum ReceptorStatus
{
    /// <summary>No usable record ("[Not Evaluated]", "[Not Available]", missing).</summary>
    NotReported,
    Positive,
    Negative,
    Equivocal,

    /// <summary>The lab could not tell, or records disagree.</summary>
    Indeterminate,
}
