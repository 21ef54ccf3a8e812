namespace Radiogenomics.Imaging.Radiomics;

/// <summary>PyRadiomics' <c>voxelSetting</c>: the cube kernel of voxel-based maps and its use.</summary>
/// <param name="KernelRadius">Voxels on each side of the centre (the kernel is (2r+1)³ voxels).</param>
/// <param name="MaskedKernel">Only ROI voxels of the kernel count (true), or every kernel voxel.</param>
/// <param name="InitValue">The map's value outside the ROI (and where a kernel gives no value).</param>
/// <param name="VoxelBatch">Accepted for compatibility; this implementation needs no batching (−1 = all).</param>
public sealed record PyRadiomicsVoxelSettings(int KernelRadius = 1, bool MaskedKernel = true, double InitValue = 0, int VoxelBatch = -1);
