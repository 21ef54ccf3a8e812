using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages.Tests;

/// <summary>A finished study-workflow run and its workspace, to read stage outputs back.</summary>
public sealed class StudyRun
{
    private readonly StageWorkspace _workspace;

    internal StudyRun(StageWorkspace workspace, RunReport report)
    {
        _workspace = workspace;
        Report = report;
    }

    public RunReport Report { get; }

    public Table Output(string stage, string output) => _workspace.Output(Report, stage, output);
}
