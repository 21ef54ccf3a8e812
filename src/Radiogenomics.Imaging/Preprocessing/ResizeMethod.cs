namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>How <see cref="ImageResizer"/> resamples a 2-D image.</summary>
public enum ResizeMethod
{
    /// <summary>
    /// Separable, pixel-area aligned: Lanczos-3 widened by the scale factor when downsampling (a low-pass that
    /// removes what the new grid cannot hold), Keys bicubic (a = −0.5) when upsampling. Pillow's LANCZOS/BICUBIC scheme.
    /// </summary>
    AntiAliased,

    /// <summary>
    /// The seed code's scipy.ndimage.zoom(order=3): cubic B-spline interpolation sampled at corner-aligned points
    /// (x_in = x_out·(n_in − 1)/(n_out − 1)), no low-pass, so it aliases when downsampling. Kept for reproduction.
    /// </summary>
    SeedCubic,
}
