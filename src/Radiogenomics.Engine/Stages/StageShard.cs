namespace Radiogenomics.Engine.Stages;

/// <summary>Shard <see cref="Index"/> (0-based) of <see cref="Count"/> equal parts of a sharded stage's work.</summary>
public readonly record struct StageShard(int Index, int Count)
{
    /// <summary>The half-open range of items [start, end) this shard covers when <paramref name="items"/> are split into <see cref="Count"/> contiguous blocks.</summary>
    public (int Start, int End) Range(int items) => ((int)((long)items * Index / Count), (int)((long)items * (Index + 1) / Count));

    public override string ToString() => $"{Index + 1}/{Count}";
}
