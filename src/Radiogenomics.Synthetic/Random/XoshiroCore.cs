using System.Numerics;
using System.Runtime.CompilerServices;

namespace Radiogenomics.Synthetic;

/// <summary>The bare xoshiro256** state as a value type so per-voxel loops can keep it in locals (no field loads through a reference).</summary>
internal struct XoshiroCore
{
    private ulong _s0, _s1, _s2, _s3;

    public static XoshiroCore FromSeed(ulong seed)
    {
        var c = new XoshiroCore();
        ulong x = seed;
        c._s0 = SplitMix64(ref x);
        c._s1 = SplitMix64(ref x);
        c._s2 = SplitMix64(ref x);
        c._s3 = SplitMix64(ref x);
        return c;
    }

    /// <summary>A generator with the given raw state (reference test vectors).</summary>
    public static XoshiroCore FromState(ulong s0, ulong s1, ulong s2, ulong s3) => new() { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Xoshiro256StarStar.Mix64(x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }
}
