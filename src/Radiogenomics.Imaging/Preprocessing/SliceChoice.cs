namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Which slices of a volume become 2-D tensors.</summary>
public enum SliceChoice
{
    /// <summary>Every slice (the seed code's behaviour).</summary>
    All,

    /// <summary>Slices where the tumour mask has at least one voxel &gt; 0; needs a mask.</summary>
    Tumour,

    /// <summary>
    /// The <see cref="SliceTensorOptions.CentralCount"/> central slices: of the tumour's slice range when a mask is
    /// given, of the volume otherwise.
    /// </summary>
    Central,
}
