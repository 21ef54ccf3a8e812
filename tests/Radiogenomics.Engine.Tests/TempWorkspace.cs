using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.TestHost;

namespace Radiogenomics.Engine.Tests;

/// <summary>A throw-away workspace folder with a workflow file and data files.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "rg-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        Workspace = new Workspace(Root);
    }

    public string Root { get; }
    public Workspace Workspace { get; }

    public string Write(string relative, string content)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public WorkflowEngine Engine(int version = 1) => new(Workspace, TestKinds.Registry(version));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>source → upper → constant → reverse, plus an independent second branch.</summary>
    public const string Chain = """
        workflow: chain
        stages:
          - id: source
            uses: test.source
            inputs:
              data: data/*.txt
            params:
              alpha: 0.05
          - id: upper
            uses: test.transform
            needs: [source]
          - id: constant
            uses: test.constant
            needs: upper
          - id: reverse
            uses: test.transform
            needs: [constant]
            params:
              op: reverse
        """;
}
