namespace Radiogenomics.Report.Tests;

/// <summary>Finds the repository root (the folder with Radiogenomics.slnx) from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Radiogenomics.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Radiogenomics.slnx not found above " + AppContext.BaseDirectory);
    }
}
