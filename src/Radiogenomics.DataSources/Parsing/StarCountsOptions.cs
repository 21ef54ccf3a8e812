namespace Radiogenomics.DataSources;

/// <summary>How <see cref="StarCountsFile"/> reads a file.</summary>
public sealed record StarCountsOptions
{
    public BadRecordPolicy Policy { get; init; } = BadRecordPolicy.Fail;

    /// <summary>Leave out the ENSG…_PAR_Y rows (GENCODE's Y copies of pseudo-autosomal genes, all zero in GDC
    /// files). Kept by default, under their own key, distinct from the X twin.</summary>
    public bool DropParY { get; init; }
}
