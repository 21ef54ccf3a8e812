namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Connected components of a mask: <see cref="Labels"/> per voxel (0 = background, 1..Count in order of each
/// component's first voxel in memory order) and each component's voxel count (<see cref="Sizes"/>[label − 1]).
/// </summary>
public sealed record ComponentLabels(int[] Labels, IReadOnlyList<int> Sizes)
{
    public int Count => Sizes.Count;
}
