namespace Radiogenomics.DataSources;

/// <summary>The value columns of a GDC STAR-counts file. GDC treats all libraries as unstranded, so
/// <see cref="Unstranded"/> and the *_unstranded normalisations are the ones to use.</summary>
public enum StarCountsColumn
{
    Unstranded,
    StrandedFirst,
    StrandedSecond,
    TpmUnstranded,
    FpkmUnstranded,
    FpkmUqUnstranded,
}
