namespace Radiogenomics.Imaging.Radiomics;

/// <summary>The features of one derived image (<c>original</c>, <c>wavelet-LLH</c>, …) and the settings they were computed with.</summary>
/// <param name="RoiVoxels">Voxels of the intensity mask (PyRadiomics' voxelArrayShift needs the count).</param>
public sealed record FilteredFeatures(string ImageType, IReadOnlyList<RadiomicsFeature> Features, double VoxelVolume, int RoiVoxels);
