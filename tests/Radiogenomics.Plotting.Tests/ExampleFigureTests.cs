namespace Radiogenomics.Plotting.Tests;

/// <summary>
/// The example figures (an association heatmap, image sheets, Kaplan–Meier and ROC curves) render to the same bytes
/// twice, and their SVGs carry the title as text. Renders land in bin/…/rendered for looking at; with
/// RG_UPDATE_GOLDEN=1 they are also written to golden/ in the source tree, where the README's examples live.
/// </summary>
public class ExampleFigureTests
{
    public static TheoryData<string> Figures => ["heatmap-example", "grid-example", "kernels-example", "line-example", "roc-example"];

    private static (Action<string> Save, string Title) Figure(string name) => name switch
    {
        "heatmap-example" => (ExampleFigures.Heatmap().Save, ExampleFigures.Heatmap().Title!),
        "grid-example" => (ExampleFigures.Grid().Save, ExampleFigures.Grid().Title!),
        "kernels-example" => (ExampleFigures.Kernels().Save, ExampleFigures.Kernels().Title!),
        "line-example" => (ExampleFigures.Survival().Save, ExampleFigures.Survival().Title!),
        "roc-example" => (ExampleFigures.Roc().Save, ExampleFigures.Roc().Title!),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void Example_renders_deterministically_as_png_and_svg(string name)
    {
        var (save, title) = Figure(name);
        var png = FigureRender.PngBytes(save);
        Assert.Equal(png, FigureRender.PngBytes(Figure(name).Save));
        Assert.Contains(title, FigureRender.Texts(FigureRender.Svg(save)));

        Directory.CreateDirectory(Golden.RenderDirectory);
        File.WriteAllBytes(Path.Combine(Golden.RenderDirectory, name + ".png"), png);
        save(Path.Combine(Golden.RenderDirectory, name + ".svg"));
        if (Golden.Update) File.WriteAllBytes(Path.Combine(Golden.SourceDirectory(), name + ".png"), png);
    }
}
