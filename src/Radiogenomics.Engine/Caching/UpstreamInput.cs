namespace Radiogenomics.Engine.Caching;

/// <summary>An upstream output as keyed. <see cref="Stage"/> is kept for explanations; only the name and digest are hashed.</summary>
public sealed record UpstreamInput(string Stage, string Output, string Sha256);
