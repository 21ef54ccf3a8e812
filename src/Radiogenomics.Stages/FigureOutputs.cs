using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Every figure a stage draws is two outputs: PNG at print resolution for looking at, SVG (text as text) for papers.</summary>
internal static class FigureOutputs
{
    public static OutputSpec[] Specs(string name, string description) =>
        [new(name, description, ".png"), new(name + "_svg", description + " (SVG)", ".svg")];

    public static string[] Paths(StageContext context, string name) => [context.Output(name), context.Output(name + "_svg")];
}
