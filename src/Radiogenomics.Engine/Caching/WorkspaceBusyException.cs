namespace Radiogenomics.Engine.Caching;

/// <summary>Another run holds the workspace lock and did not release it in time.</summary>
public sealed class WorkspaceBusyException(string message) : Exception(message);
