namespace Radiogenomics.Synthetic;

/// <summary>Dominant tissue of a voxel in the ground-truth label volume.</summary>
public enum TissueLabel : byte
{
    Air = 0,
    Fat = 1,
    Fibroglandular = 2,
    Skin = 3,
    /// <summary>Pectoralis and intercostal muscle.</summary>
    Muscle = 4,
    /// <summary>Rib (cortex and marrow).</summary>
    Bone = 5,
    Lung = 6,
    /// <summary>Enhancing blood vessel.</summary>
    Vessel = 7,
    Tumour = 8,
}
