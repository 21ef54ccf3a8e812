namespace Radiogenomics.Engine.Caching;

/// <summary>
/// What <see cref="StoreChecker"/> found: every object re-hashed, the damaged ones (moved to <c>cache/corrupt/</c>, with
/// the stage outputs that named them) and the workflow states that point at objects no longer in the store.
/// </summary>
public sealed record StoreCheckReport(int ObjectsChecked, long BytesChecked, IReadOnlyList<string> Damaged, IReadOnlyList<string> MissingOutputs)
{
    public bool Intact => Damaged.Count == 0;
}
