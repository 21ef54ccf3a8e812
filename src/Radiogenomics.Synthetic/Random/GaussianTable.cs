namespace Radiogenomics.Synthetic;

/// <summary>
/// 65,536 equiprobable standard-normal quantiles Φ⁻¹((k + ½)/65536), indexed by 16 random bits. Image noise needs ~10⁹
/// normal variates per cohort; a table lookup is ~10× cheaper than a polar/Box–Muller draw, and the discretisation
/// (tails truncated at ±4.3σ, 2⁻¹⁶ probability resolution) is invisible in a magnitude image.
/// </summary>
internal static class GaussianTable
{
    public const int Size = 1 << 16;
    public static readonly float[] Values = Build();

    private static float[] Build()
    {
        var t = new float[Size];
        for (int k = 0; k < Size / 2; k++)
        {
            float v = (float)RandomVariates.NormalQuantile((k + 0.5) / Size);
            t[k] = v;
            t[Size - 1 - k] = -v; // exact symmetry keeps the mean at zero
        }
        return t;
    }
}
