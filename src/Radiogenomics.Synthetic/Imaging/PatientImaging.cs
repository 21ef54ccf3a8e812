namespace Radiogenomics.Synthetic;

/// <summary>A patient's generated DCE-MRI: every phase on one sagittal grid, the tumour mask and the tissue labels.</summary>
public sealed class PatientImaging
{
    internal PatientImaging(PatientRecord patient, VolumeGeometry geometry, IReadOnlyList<DcePhase> phases,
        Volume<byte> tumourMask, Volume<byte> tissueLabels, int tumourVoxelCount, Vector3D tumourCentroidLps)
    {
        Patient = patient;
        Geometry = geometry;
        Phases = phases;
        TumourMask = tumourMask;
        TissueLabels = tissueLabels;
        TumourVoxelCount = tumourVoxelCount;
        TumourCentroidLps = tumourCentroidLps;
    }

    public PatientRecord Patient { get; }

    /// <summary>Sagittal grid shared by all phases and the masks: rows run superior→inferior, columns anterior→posterior.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>Pre-contrast first, then the post-contrast phases in time order.</summary>
    public IReadOnlyList<DcePhase> Phases { get; }

    /// <summary>1 inside the tumour (voxels at least half tumour), 0 elsewhere.</summary>
    public Volume<byte> TumourMask { get; }

    /// <summary>Dominant <see cref="TissueLabel"/> per voxel (ground truth for tissue segmentation).</summary>
    public Volume<byte> TissueLabels { get; }

    public int TumourVoxelCount { get; }
    public double TumourVolumeMm3 => TumourVoxelCount * Geometry.VoxelVolume;

    /// <summary>Diameter of the sphere with the mask's volume.</summary>
    public double TumourEquivalentDiameterMm => Math.Cbrt(6 * TumourVolumeMm3 / Math.PI);

    /// <summary>Centre of mass of the mask, LPS mm.</summary>
    public Vector3D TumourCentroidLps { get; }

    /// <summary>Slice index through the mask's centre of mass (the natural slice to show).</summary>
    public int TumourCentreSlice
    {
        get
        {
            var d = TumourCentroidLps - Geometry.Origin;
            return Math.Clamp((int)Math.Round(d.Dot(Geometry.SliceDirection) / Geometry.SliceSpacing), 0, Geometry.Slices - 1);
        }
    }
}
