namespace Radiogenomics.Engine.Workflow;

/// <summary>Which upstream output feeds a table a stage reads: <c>inputs: {features: normalize.features}</c>, or the one need that produces it.</summary>
public sealed record UpstreamBinding(string Input, string Stage, string Output)
{
    public override string ToString() => $"{Input}: {Stage}.{Output}";
}
