namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Which neighbours join voxels into one 3-D component.</summary>
public enum Connectivity
{
    /// <summary>Faces only.</summary>
    Six = 6,

    /// <summary>Faces, edges and corners.</summary>
    TwentySix = 26,
}
