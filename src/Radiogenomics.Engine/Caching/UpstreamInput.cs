namespace Radiogenomics.Engine.Caching;

/// <summary>
/// An upstream output as keyed: the stage reads output <see cref="Output"/> of stage <see cref="Stage"/> under the
/// name <see cref="Name"/> (<see cref="Input"/> when a workflow binds it explicitly under another name). Only the
/// name the stage reads and the digest are hashed; <see cref="Stage"/> is kept for explanations.
/// </summary>
public sealed record UpstreamInput(string Stage, string Output, string Sha256, string? Input = null)
{
    public string Name => Input ?? Output;
}
