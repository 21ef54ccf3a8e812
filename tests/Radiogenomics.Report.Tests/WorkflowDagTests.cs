using System.Xml.Linq;
using Radiogenomics.Engine.Workflow;
using Xunit;

namespace Radiogenomics.Report.Tests;

public sealed class WorkflowDagTests
{
    private static WorkflowDag Default(IReadOnlyDictionary<string, string> status)
    {
        var (definition, problems) = WorkflowLoader.ParseFile(Path.Combine(RepositoryPaths.Root, "workflows/default.yaml"));
        Assert.Empty(problems);
        return WorkflowDag.FromDefinition(definition!, status);
    }

    [Fact]
    public void AStageIsOneLayerAfterItsDeepestNeed()
    {
        var layers = Default(new Dictionary<string, string>()).Layers();
        Assert.Equal(0, layers["fetch"]);
        Assert.Equal(1, layers["preprocess"]);
        Assert.Equal(1, layers["genomics"]);
        Assert.Equal(4, layers["associate"]); // after normalize (3), not genomics (1)
        Assert.Equal(5, layers["evaluate"]);
    }

    [Fact]
    public void TheSvgHasANodePerStageColouredByStatusAndAnEdgePerNeed()
    {
        var status = new Dictionary<string, string> { ["fetch"] = "cached", ["preprocess"] = "executed", ["extract"] = "failed", ["normalize"] = "skipped" };
        var dag = Default(status);
        var svg = XDocument.Parse(dag.ToSvg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var nodes = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "dag-node").ToDictionary(g => (string)g.Attribute("data-stage")!);
        Assert.Equal(["fetch", "preprocess", "extract", "normalize", "genomics", "associate", "evaluate"], nodes.Keys);
        string Fill(string id) => (string)nodes[id].Element(ns + "rect")!.Attribute("fill")!;
        Assert.Equal("#d3efd6", Fill("fetch"));
        Assert.Equal("#cfe2f8", Fill("preprocess"));
        Assert.Equal("#f9d0d0", Fill("extract"));
        Assert.Equal("#fdf0c4", Fill("normalize"));
        Assert.Equal("not run", (string)nodes["genomics"].Attribute("data-status")!);
        var edges = svg.Descendants(ns + "path").Where(p => (string?)p.Attribute("class") == "dag-edge")
            .Select(p => ((string)p.Attribute("data-from")!, (string)p.Attribute("data-to")!)).ToHashSet();
        Assert.Contains(("normalize", "associate"), edges);
        Assert.Contains(("genomics", "associate"), edges);
        Assert.Equal(dag.Stages.Sum(s => s.Needs.Count), edges.Count);
        // Left to right: every edge goes from a box to a box further right.
        double X(string id) => double.Parse((string)nodes[id].Element(ns + "rect")!.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(edges, e => Assert.True(X(e.Item1) < X(e.Item2), $"{e.Item1} → {e.Item2}"));
    }
}
