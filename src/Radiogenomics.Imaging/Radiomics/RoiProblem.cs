namespace Radiogenomics.Imaging.Radiomics;

/// <summary>Why a region cannot give features (PyRadiomics users' most common problems).</summary>
public enum RoiProblem
{
    /// <summary>The mask holds no voxel with the requested label.</summary>
    MissingLabel,

    /// <summary>No voxel is left (after resampling or re-segmentation).</summary>
    Empty,

    /// <summary>One voxel: no shape, no texture.</summary>
    SingleVoxel,
}
