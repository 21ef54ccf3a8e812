namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>A patient left out of the cohort and why (one row of the exclusions table).</summary>
public sealed record SeriesExclusion(string PatientId, string Reason);
