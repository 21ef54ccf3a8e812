using Radiogenomics.Imaging.Dicom;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

public class GdcmRuntimeTests
{
    [Fact]
    public void Glue_LoadsUnderDotNet_WithoutLoaderPath()
    {
        GdcmRuntime.EnsureLoaded();

        Assert.StartsWith("3.", GdcmRuntime.Version);
        Assert.NotNull(GdcmRuntime.GlueLibraryPath);
        Assert.True(File.Exists(GdcmRuntime.GlueLibraryPath));
        Assert.EndsWith("libgdcmsharpglue.so", GdcmRuntime.GlueLibraryPath);
        Assert.DoesNotContain("gdcm", Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "");
    }

    [Fact]
    public void Glue_IsCopiedBesideTheBindings()
    {
        // The build copies the glue from the same package as gdcm-sharp.dll, so the two always match.
        var beside = Path.Combine(AppContext.BaseDirectory, "libgdcmsharpglue.so");
        Assert.True(File.Exists(beside), $"{beside} missing: the Imaging csproj should copy it to the output");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "gdcm-sharp.dll")));
    }
}
