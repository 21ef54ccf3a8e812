using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Bench;

/// <summary>Stage kinds for the engine benchmark: a source over a large tree, then light steps, so the engine's own cost shows.</summary>
public static class BenchKinds
{
    public static StageRegistry Registry() => new StageRegistry().Add(new TreeSource()).Add(new Step());

    public sealed class TreeSource : StageKind
    {
        public override string Name => "bench.tree";
        public override int Version => 1;
        public override string Summary => "Lists an input tree with its content hashes.";
        public override IReadOnlyList<InputSlotSpec> Inputs => [new("tree", "the input folder")];
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "manifest", ".tsv")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            File.WriteAllLines(c.Output("table"), c.InputFiles("tree").Select(f => $"{f.RelativePath}\t{f.Size}\t{f.Sha256}"));
            return Task.CompletedTask;
        }
    }

    public sealed class Step : StageKind
    {
        public override string Name => "bench.step";
        public override int Version => 1;
        public override string Summary => "Derives a small table from its upstream.";
        public override IReadOnlyList<ParameterSpec> Parameters => [ParameterSpec.Integer("n", 0, "step number")];
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "derived", ".tsv")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            File.WriteAllText(c.Output("table"), $"{c.Parameters.GetInteger("n")}\t{new FileInfo(c.Input("table")).Length}\n");
            return Task.CompletedTask;
        }
    }
}
