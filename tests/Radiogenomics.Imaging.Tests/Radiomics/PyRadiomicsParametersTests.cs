using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class PyRadiomicsParametersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rg-params-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, $"params{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void ExampleCtStyleFile_MapsEverySection()
    {
        // The shape of PyRadiomics' examples/exampleSettings/exampleCT.yaml (written here, not copied).
        var p = PyRadiomicsParameters.Read(Write("""
            imageType:
              Original: {}
              LoG:
                sigma: [1.0, 2, 3.5]
              Wavelet: {binWidth: 10}
            featureClass:
              shape:
              firstorder: []
              glcm: [Autocorrelation, Contrast, Idmn]
            setting:
              binWidth: 25
              label: 2
              interpolator: 'sitkBSpline'
              resampledPixelSpacing: [1, 1, 1]
              padDistance: 10
              voxelArrayShift: 1000
              resegmentRange: [-1000, 400]
            voxelSetting:
              kernelRadius: 2
              maskedKernel: true
              initValue: nan
            """));
        Assert.Equal(DiscretisationMethod.FixedBinSize, p.Settings.Discretisation);
        Assert.Equal((25.0, BinEdgeRule.PyRadiomics), (p.Settings.BinWidth, p.Settings.BinEdges));
        Assert.Equal((1.0, 1.0, (double?)1.0), p.Settings.Spacing);
        Assert.Equal(VolumeInterpolation.BSpline, p.Settings.ImageInterpolation);
        Assert.Equal(((double?)-1000, (double?)400), p.Settings.ResegmentationRange);
        Assert.Equal((2, 1000.0), (p.Label, p.VoxelArrayShift));
        Assert.Equal(new PyRadiomicsVoxelSettings(2, true, double.NaN), p.Voxel);
        Assert.Contains(p.Ignored, i => i.StartsWith("padDistance", StringComparison.Ordinal));

        Assert.Equal([ImageTypeKind.Original, ImageTypeKind.LoG, ImageTypeKind.Wavelet], p.ImageTypes.Select(t => t.Kind));
        // Python's str(sigma): 1.0 → "1-0", 2 → "2", 3.5 → "3-5".
        Assert.Equal(["log-sigma-1-0-mm-3D", "log-sigma-2-mm-3D", "log-sigma-3-5-mm-3D"], p.ImageTypes[1].ImageNames());
        Assert.Equal(10, p.ImageTypes[2].Settings!.BinWidth);
        Assert.Null(p.ImageTypes[0].Settings);
        Assert.Equal(["wavelet-LLH", "wavelet-LHL", "wavelet-LHH", "wavelet-HLL", "wavelet-HLH", "wavelet-HHL", "wavelet-HHH", "wavelet-LLL"], p.ImageTypes[2].ImageNames());

        Assert.Equal(new HashSet<string> { "morphology", "intensity-based statistics", "intensity histogram", "GLCM" }, p.Families());
        Assert.True(p.Selects("glcm_Contrast"));
        Assert.False(p.Selects("glcm_JointEntropy"));
        Assert.True(p.Selects("firstorder_Kurtosis"));
        Assert.False(p.Selects("glrlm_RunEntropy"));
    }

    [Fact]
    public void NoImageType_IsOriginalOnly_AndBinCountSwitchesToFixedBinNumber()
    {
        var p = PyRadiomicsParameters.Read(Write("setting:\n  binCount: 16\n  resegmentRange: [-3, 3]\n  resegmentMode: sigma\n"));
        Assert.Equal([ImageTypeKind.Original], p.ImageTypes.Select(t => t.Kind));
        Assert.Equal((DiscretisationMethod.FixedBinNumber, 16), (p.Settings.Discretisation, p.Settings.BinCount));
        Assert.Equal(3, p.Settings.OutlierSigma);
        Assert.Null(p.FeatureClasses);
        Assert.True(p.Selects("ngtdm_Busyness"));
    }

    [Theory]
    [InlineData("setting:\n  binWidht: 25\n", "'binWidht' is not a PyRadiomics setting", "line 2")]
    [InlineData("settings:\n  binWidth: 25\n", "'settings' is not a section", "line 1")]
    [InlineData("imageType:\n  Wavelets: {}\n", "'Wavelets' is not a PyRadiomics image type", "line 2")]
    [InlineData("imageType:\n  LoG: {}\n", "LoG needs its sigma list", "line 2")]
    [InlineData("imageType:\n  Wavelet: {wavelet: db4}\n", "wavelet 'db4' is not implemented", "line 2")]
    [InlineData("featureClass:\n  glcm: [Contrast, Contrst]\n", "'Contrst' is not a glcm feature", "line 2")]
    [InlineData("featureClass:\n  glcm: [MCC]\n", "'MCC' is not computed here", "line 2")]
    [InlineData("voxelSetting:\n  kernelRadus: 2\n", "'kernelRadus' is not a voxelSetting", "line 2")]
    [InlineData("setting:\n  binWidth: -5\n", "'binWidth' must be > 0", "line 2")]
    [InlineData("setting:\n  force2D: true\n", "force2D: true", "line 2")]
    public void BadKeysAndValues_NameKeyFileAndLine(string yaml, string reason, string record)
    {
        var path = Write(yaml);
        var e = Assert.Throws<DataProblemException>(() => PyRadiomicsParameters.Read(path));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(record, problem.Record);
        Assert.Contains(reason, problem.Reason);
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix));
    }
}
