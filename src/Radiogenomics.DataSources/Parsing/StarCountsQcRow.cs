namespace Radiogenomics.DataSources;

/// <summary>One of STAR's summary rows at the top of the file (N_unmapped, N_multimapping, N_noFeature,
/// N_ambiguous): read counts per strandedness, kept for QC, never mixed with genes.</summary>
public sealed record StarCountsQcRow(string Name, double Unstranded, double StrandedFirst, double StrandedSecond, long Line);
