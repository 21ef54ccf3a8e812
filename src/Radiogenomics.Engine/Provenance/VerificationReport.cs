namespace Radiogenomics.Engine.Provenance;

/// <summary>
/// Result of re-hashing an archived run. <see cref="Mismatches"/> are archived files whose bytes differ
/// from the crate (the archive was damaged); <see cref="ChangedInputs"/> are source files in the
/// workspace that changed since the run (the run is intact, but rerunning it would now differ).
/// </summary>
public sealed record VerificationReport(string RunDirectory, int FilesChecked, IReadOnlyList<string> Mismatches, IReadOnlyList<string> ChangedInputs)
{
    public bool Intact => Mismatches.Count == 0;
}
