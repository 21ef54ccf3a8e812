namespace Radiogenomics.Synthetic;

/// <summary>A patient's planted latent biology (truth, not observable by an analysis).</summary>
/// <param name="ProgramActivities">Activity of each <see cref="DriverProgram"/> (index = enum value), SD 1 over the population.</param>
/// <param name="SingleGeneDrivers">Own-expression deviation of CCND1, ANGPTL4, PLOD2, TGFBI (N(0,1)).</param>
/// <param name="Her2Amplified">Whether the ERBB2 amplicon is amplified (defines true HER2 status).</param>
public sealed record PatientLatents(IReadOnlyList<double> ProgramActivities, IReadOnlyList<double> SingleGeneDrivers, bool Her2Amplified)
{
    public double Activity(DriverProgram program) => ProgramActivities[(int)program];
}
