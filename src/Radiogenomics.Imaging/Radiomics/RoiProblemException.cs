namespace Radiogenomics.Imaging.Radiomics;

/// <summary>A region that cannot give features, with what was found (labels present, voxel counts) in the message.</summary>
public sealed class RoiProblemException(RoiProblem problem, string message) : Exception(message)
{
    public RoiProblem Problem { get; } = problem;
}
