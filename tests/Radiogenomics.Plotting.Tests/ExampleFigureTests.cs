namespace Radiogenomics.Plotting.Tests;

/// <summary>Renders the example figures and compares them with golden/ (see <see cref="Golden"/>).</summary>
public class ExampleFigureTests
{
    public static TheoryData<string> Figures => ["heatmap-example.png", "grid-example.png", "kernels-example.png", "line-example.png", "roc-example.png", "font.png"];

    private static RgbImage Render(string name) => name switch
    {
        "heatmap-example.png" => ExampleFigures.Heatmap().Render(),
        "grid-example.png" => ExampleFigures.Grid().Render(),
        "kernels-example.png" => ExampleFigures.Kernels().Render(),
        "line-example.png" => ExampleFigures.Survival().Render(),
        "roc-example.png" => ExampleFigures.Roc().Render(),
        "font.png" => ExampleFigures.FontSheet(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Example_matches_golden(string name)
    {
        var image = Render(name);
        var png = image.ToPng();
        PngEncoder.WriteAtomically(Path.Combine(Golden.RenderDirectory, name), png);
        if (Golden.Update)
        {
            PngEncoder.WriteAtomically(Path.Combine(Golden.SourceDirectory(), name), png);
            return;
        }

        var goldenPath = Path.Combine(Golden.OutputDirectory, name);
        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run the tests with RG_UPDATE_GOLDEN=1 to create it.");
        var golden = DecodedPng.Read(File.ReadAllBytes(goldenPath));
        var fresh = DecodedPng.Read(png);
        Assert.Equal((golden.Width, golden.Height), (fresh.Width, fresh.Height));
        // Allow a sliver of difference: libm differences between machines can move an anti-aliased edge pixel.
        int differing = 0;
        for (int i = 0; i < fresh.Samples.Length; i += 3)
            if (Math.Abs(fresh.Samples[i] - golden.Samples[i]) > 2 || Math.Abs(fresh.Samples[i + 1] - golden.Samples[i + 1]) > 2 || Math.Abs(fresh.Samples[i + 2] - golden.Samples[i + 2]) > 2)
                differing++;
        double fraction = differing / (double)(fresh.Width * fresh.Height);
        Assert.True(fraction <= 0.001, $"{name}: {differing} pixels differ from the golden figure ({fraction:P2}); new render in {Golden.RenderDirectory}.");
    }
}
