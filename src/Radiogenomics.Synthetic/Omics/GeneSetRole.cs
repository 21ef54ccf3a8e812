namespace Radiogenomics.Synthetic;

/// <summary>What a gene set is in the planted truth.</summary>
public enum GeneSetRole
{
    /// <summary>All of one programme's genes plus some passenger null genes: carries the programme's signal.</summary>
    Driver,
    /// <summary>A minority of one programme's genes mixed into null genes: weak, diluted signal.</summary>
    Partial,
    /// <summary>Null genes only: no signal.</summary>
    Null,
}
