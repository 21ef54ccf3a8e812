using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The engine's hashed source files as the libraries' readers take them: full path to open, workspace-relative path for errors.</summary>
internal static class SourceFiles
{
    public static DataFile ToDataFile(this SourceFile file) => new(file.FullPath, file.RelativePath);

    public static List<DataFile> ToDataFiles(this IEnumerable<SourceFile> files) => files.Select(ToDataFile).ToList();
}
