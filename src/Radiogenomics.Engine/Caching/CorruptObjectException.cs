namespace Radiogenomics.Engine.Caching;

/// <summary>A cache object whose bytes no longer match its SHA-256 name.</summary>
public sealed class CorruptObjectException(string sha256, string path)
    : Exception($"cache object {path} is damaged: its bytes no longer match its SHA-256 {sha256[..12]}…; run the stage again (it replaces the object) or `rg fsck` to check the whole store")
{
    public string Sha256 { get; } = sha256;
    public string ObjectPath { get; } = path;
}
