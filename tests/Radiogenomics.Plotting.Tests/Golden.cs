using System.Runtime.CompilerServices;

namespace Radiogenomics.Plotting.Tests;

/// <summary>
/// Example figures under golden/. The tests compare renders with them pixel by pixel; set
/// RG_UPDATE_GOLDEN=1 to rewrite them in the source tree after a deliberate change (then look at them).
/// </summary>
internal static class Golden
{
    public static bool Update => Environment.GetEnvironmentVariable("RG_UPDATE_GOLDEN") == "1";

    /// <summary>The copies next to the test assembly (see the csproj).</summary>
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "golden");

    /// <summary>Where the latest renders are written for inspection, whether or not they match.</summary>
    public static string RenderDirectory => Path.Combine(AppContext.BaseDirectory, "rendered");
}
