namespace Radiogenomics.Cli.Tests;

/// <summary>A throw-away workspace with the repository's example tables (workflows/example/) copied in.</summary>
public sealed class CliWorkspace : IDisposable
{
    public CliWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "rg-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        foreach (var name in new[] { "features.csv", "gene.tsv" })
            File.Copy(Path.Combine(RepositoryRoot, "workflows", "example", name), Path.Combine(Root, "data", name));
    }

    public string Root { get; }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Radiogenomics.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public string Write(string relative, string content)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public RgProcess.Result Rg(params string[] args) => RgProcess.Run(Root, args);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
