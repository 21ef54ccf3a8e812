namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Interpolation of <see cref="VolumeResampler"/>.</summary>
public enum VolumeInterpolation
{
    /// <summary>Trilinear: no overshoot, slight blur.</summary>
    Linear,

    /// <summary>Cubic B-spline with the exact prefilter (interpolating, mirror boundary): sharper, may overshoot.</summary>
    BSpline,

    /// <summary>For label maps and masks: values are copied, never mixed.</summary>
    NearestNeighbour,
}
