using System.Runtime.CompilerServices;

namespace Radiogenomics.Plotting.Tests;

/// <summary>
/// Example figures under golden/, for looking at: set RG_UPDATE_GOLDEN=1 to rewrite them in the source tree after a
/// deliberate change. Pixel comparisons would tie the tests to one machine's font rasteriser; the tests check
/// content (colours, positions, SVG text) and determinism instead.
/// </summary>
internal static class Golden
{
    public static bool Update => Environment.GetEnvironmentVariable("RG_UPDATE_GOLDEN") == "1";

    public static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "golden");

    /// <summary>Where the latest renders are written for inspection, whether or not they match.</summary>
    public static string RenderDirectory => Path.Combine(AppContext.BaseDirectory, "rendered");
}
