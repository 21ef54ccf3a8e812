using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics.Filters;

/// <summary>
/// PyRadiomics' voxel-wise image types (IBSI 2 defines none of them; MIRP leaves them out of its IBSI mode), each
/// rescaled by M = max|I| over the image so that results stay on the original range, negative intensities keeping
/// their sign: square (I/√M)², square root sign(I)·√(|I|·M), logarithm sign(I)·log(|I|+1) scaled to max M, and
/// exponential exp(I·log(M)/M). M is the maximum over the whole image PyRadiomics sees, so a caller working on a
/// crop passes the full image's <c>maxAbs</c>.
/// </summary>
public static class IntensityTransforms
{
    public static ImageVolume Square(ImageVolume image, double? maxAbs = null)
    {
        double c = 1 / Math.Sqrt(Scale(image, maxAbs, "square"));
        return Map(image, x => (c * x) * (c * x), "square");
    }

    public static ImageVolume SquareRoot(ImageVolume image, double? maxAbs = null)
    {
        double m = Scale(image, maxAbs, "squareroot");
        return Map(image, x => x > 0 ? Math.Sqrt(x * m) : x < 0 ? -Math.Sqrt(-x * m) : 0, "squareroot");
    }

    public static ImageVolume Logarithm(ImageVolume image, double? maxAbs = null)
    {
        double m = Scale(image, maxAbs, "logarithm");
        // The largest |log| is at the largest |I|, so the rescaling factor is M / log(M + 1).
        double c = m / Math.Log(m + 1);
        return Map(image, x => x > 0 ? c * Math.Log(x + 1) : x < 0 ? -c * Math.Log(1 - x) : 0, "logarithm");
    }

    public static ImageVolume Exponential(ImageVolume image, double? maxAbs = null)
    {
        double m = Scale(image, maxAbs, "exponential");
        double c = Math.Log(m) / m;
        return Map(image, x => Math.Exp(c * x), "exponential");
    }

    private static double Scale(ImageVolume image, double? maxAbs, string name)
    {
        double m = maxAbs ?? image.Voxels.Max(v => Math.Abs((double)v));
        if (!(m > 0) || double.IsInfinity(m))
            throw new ArgumentException($"{image.Source}: the {name} image type needs an image with some non-zero intensity (max |I| = {m})");
        return m;
    }

    private static ImageVolume Map(ImageVolume image, Func<double, double> f, string name) =>
        image.WithVoxels(image.Voxels.Select(v => (float)f(v)).ToArray(), $"{name} of {image.Source}");
}
