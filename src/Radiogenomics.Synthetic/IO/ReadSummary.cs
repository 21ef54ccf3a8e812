namespace Radiogenomics.Synthetic;

/// <summary>STAR's four summary rows of a GDC augmented STAR-counts file, per counting column (unstranded, stranded_first, stranded_second).</summary>
/// <param name="Unmapped">N_unmapped (same in all three columns).</param>
/// <param name="Multimapping">N_multimapping (same in all three columns).</param>
/// <param name="NoFeature">N_noFeature per column: small unstranded, large stranded (reads on the other strand have no feature).</param>
/// <param name="Ambiguous">N_ambiguous per column: larger unstranded (overlapping genes on opposite strands).</param>
public sealed record ReadSummary(long Unmapped, long Multimapping, long[] NoFeature, long[] Ambiguous);
