namespace Radiogenomics.Engine.Caching;

/// <summary>A source file as keyed: input slot, workspace-relative path and content digest.</summary>
public sealed record SourceInput(string Slot, string Path, string Sha256);
