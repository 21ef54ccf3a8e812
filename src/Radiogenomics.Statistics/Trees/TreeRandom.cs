namespace Radiogenomics.Statistics;

/// <summary>
/// The generator of one tree (or one tie-break stream) of a forest: xoshiro256** (Blackman &amp; Vigna) whose state is
/// four SplitMix64 outputs of the 64-bit key (seed, stream). Used instead of <c>new System.Random(seed)</c>: .NET does not
/// promise that a seeded <c>Random</c> gives the same numbers across major versions, and a forest must depend on its seed
/// alone. (Measured on the bench data, the two generators give forests of the same quality and spread; README, forest bench.)
/// Not thread-safe: one instance per tree.
/// </summary>
internal sealed class TreeRandom
{
    private ulong s0, s1, s2, s3;

    public TreeRandom(int seed, int stream)
    {
        ulong x = unchecked(((ulong)(uint)seed << 32) ^ (uint)stream ^ 0x6A09E667F3BCC909UL);
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private ulong Next()
    {
        ulong result = unchecked(ulong.RotateLeft(s1 * 5, 7) * 9);
        ulong t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = unchecked(x += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
