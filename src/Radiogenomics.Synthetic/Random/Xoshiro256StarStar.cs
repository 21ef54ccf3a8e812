using System.Numerics;
using System.Runtime.CompilerServices;

namespace Radiogenomics.Synthetic;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2018, reference C code at https://prng.di.unimi.it/xoshiro256starstar.c),
/// seeded through SplitMix64. Implemented here rather than using <see cref="System.Random"/>, whose algorithm is
/// unspecified and has changed between .NET versions: a seed must give the same stream everywhere.
/// </summary>
/// <remarks>
/// Streams are derived with <see cref="ForStream(ulong, ReadOnlySpan{ulong})"/> from (cohort seed, patient index, purpose), so
/// patient <c>i</c>'s data never depends on how many patients are generated or on the order of generation.
/// Not thread-safe: one instance per thread of work.
/// </remarks>
public sealed class Xoshiro256StarStar
{
    private XoshiroCore _core;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Seeds the four state words with successive SplitMix64 outputs of <paramref name="seed"/> (the reference seeding).</summary>
    public Xoshiro256StarStar(ulong seed) => _core = XoshiroCore.FromSeed(seed);

    /// <summary>An independent stream for a (seed, key, key, ...) tuple: the keys are folded into the seed with the SplitMix64 finaliser.</summary>
    public static Xoshiro256StarStar ForStream(ulong seed, params ReadOnlySpan<ulong> keys) => new(DeriveSeed(seed, keys));

    /// <summary>The 64-bit seed that <see cref="ForStream(ulong, ReadOnlySpan{ulong})"/> uses.</summary>
    public static ulong DeriveSeed(ulong seed, params ReadOnlySpan<ulong> keys)
    {
        ulong h = Mix64(seed ^ 0x243F6A8885A308D3UL);
        for (int i = 0; i < keys.Length; i++) h = Mix64(h ^ Mix64(keys[i] + 0x9E3779B97F4A7C15UL * (ulong)(i + 1)));
        return h;
    }

    /// <summary>SplitMix64's output function (Stafford variant 13): a bijective 64-bit mixer.</summary>
    public static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _core.Next();

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on the open interval (0, 1): safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer on [0, maxExclusive) without modulo bias (Lemire's multiply-and-reject).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold) high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>Uniform integer on [minInclusive, maxInclusive].</summary>
    public int NextInt(int minInclusive, int maxInclusive) => minInclusive + NextInt(maxInclusive - minInclusive + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p) => NextDouble() < p;

    /// <summary>Standard normal by Marsaglia's polar method (only log and sqrt, no trigonometry), caching the second variate.</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spareGaussian; }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public double NextGaussian(double mean, double sd) => mean + sd * NextGaussian();

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int NextWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights) total += w;
        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>The raw generator, for hot loops that want the state in registers.</summary>
    internal XoshiroCore Core { get => _core; set => _core = value; }
}
