using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// The identity of the code a stage kind runs, as named digests (assembly or native library → SHA-256), folded
/// into the cache key beside the kind's hand-bumped version. Tests substitute a fake to simulate a code change.
/// </summary>
public interface ICodeIdentity
{
    IReadOnlyDictionary<string, string> Of(StageKind kind);
}
