using System.Globalization;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics.Filters;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// One PyRadiomics image type with its filter settings and optional feature-setting overrides (PyRadiomics'
/// <c>imageType: {Wavelet: {binWidth: 10}}</c>). It yields one or more derived images named as PyRadiomics names
/// them: <c>original</c>, <c>log-sigma-2-0-mm-3D</c> (one per σ), <c>wavelet-LLH</c> … <c>wavelet-LLL</c>,
/// <c>square</c>, <c>squareroot</c>, <c>logarithm</c>, <c>exponential</c>, <c>gradient</c>.
/// </summary>
public sealed record RadiomicsImageType(ImageTypeKind Kind)
{
    public static readonly RadiomicsImageType Original = new(ImageTypeKind.Original);

    /// <summary>LoG σ values in mm, each with its text as written (PyRadiomics names it by Python's <c>str(sigma)</c>: 2 → "2", 2.0 → "2-0").</summary>
    public IReadOnlyList<(double Mm, string Text)> Sigmas { get; init; } = [];

    public string Wavelet { get; init; } = "coif1";

    /// <summary>Gradient in mm (true, PyRadiomics' gradientUseSpacing) or per voxel.</summary>
    public bool GradientUseSpacing { get; init; } = true;

    /// <summary>Feature settings for this image type's images; null: the extraction's settings.</summary>
    public RadiomicsSettings? Settings { get; init; }

    public static RadiomicsImageType LoG(params double[] sigmasMm) =>
        new(ImageTypeKind.LoG) { Sigmas = sigmasMm.Select(s => (s, PythonFloat(s))).ToList() };

    /// <summary>Python's str() of a float: 2.0 → "2.0", 2.5 → "2.5".</summary>
    public static string PythonFloat(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e16 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The names of the images this type yields, in PyRadiomics' order.</summary>
    public IEnumerable<string> ImageNames() => Kind switch
    {
        ImageTypeKind.LoG => Sigmas.Select(s => $"log-sigma-{s.Text.Replace('.', '-')}-mm-3D"),
        ImageTypeKind.Wavelet => UndecimatedWavelet.Combinations.Select(c => $"wavelet-{c}"),
        _ => [Kind.ToString().ToLowerInvariant()],
    };

    /// <summary>The derived images of <paramref name="image"/>; <paramref name="maxAbs"/> is the whole image's max |I| for the voxel-wise types when the image is a crop.</summary>
    public IEnumerable<(string Name, ImageVolume Image)> Apply(ImageVolume image, double? maxAbs = null)
    {
        switch (Kind)
        {
            case ImageTypeKind.Original: yield return ("original", image); break;
            case ImageTypeKind.LoG:
                foreach (var s in Sigmas) yield return ($"log-sigma-{s.Text.Replace('.', '-')}-mm-3D", LaplacianOfGaussian.Apply(image, s.Mm));
                break;
            case ImageTypeKind.Wavelet:
                foreach (var (c, band) in UndecimatedWavelet.Decompose(image, Wavelet)) yield return ($"wavelet-{c}", band);
                break;
            case ImageTypeKind.Square: yield return ("square", IntensityTransforms.Square(image, maxAbs)); break;
            case ImageTypeKind.SquareRoot: yield return ("squareroot", IntensityTransforms.SquareRoot(image, maxAbs)); break;
            case ImageTypeKind.Logarithm: yield return ("logarithm", IntensityTransforms.Logarithm(image, maxAbs)); break;
            case ImageTypeKind.Exponential: yield return ("exponential", IntensityTransforms.Exponential(image, maxAbs)); break;
            case ImageTypeKind.Gradient: yield return ("gradient", GradientMagnitude.Apply(image, GradientUseSpacing)); break;
        }
    }
}
