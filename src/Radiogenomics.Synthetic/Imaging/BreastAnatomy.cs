namespace Radiogenomics.Synthetic;

/// <summary>
/// Per-patient anatomical parameters of the sagittal breast phantom and the closed-form surfaces built from them.
/// Local frame (mm): A = anterior→posterior along a row (column index · spacing), S = superior→inferior down a column,
/// L = along the slice direction. The prone breast is a dome protruding anteriorly from a curved chest wall; behind the
/// chest wall come pectoralis muscle, a rib/intercostal band and lung.
/// </summary>
internal sealed class BreastAnatomy
{
    // Grid.
    public required int Nx, Ny, Nz;
    public required float Dx, Dy, Dz;
    public float FovA => Nx * Dx;
    public float FovS => Ny * Dy;
    public float SlabL => Nz * Dz;

    // Breast dome.
    public required float Depth;           // chest wall to nipple base at the apex
    public required float HalfHeightSuperior, HalfHeightInferior, HalfWidth;
    public required float ShapeExponent;   // (1 − r²)^p profile: < 1 fuller, > 1 more conical
    public required float NippleS, NippleL;
    public required float ChestSubcutaneous; // soft-tissue depth in front of the chest wall away from the breast

    // Chest wall.
    public required float ChestA0, CurvatureS, CurvatureL, ChestCentreS, ChestCentreL;
    public required float MuscleThickness;
    public required float RibSpacing, RibPhase;
    public const float RibBand = 14f;

    // Layers and glandular tissue.
    public required float SkinThickness, SubcutaneousFat, RetromammaryFat;
    public required float GlandOffset;      // more positive: more fibroglandular tissue (breast density)
    public required float GlandReachS, GlandReachL;
    public required float BackgroundEnhancement;

    // Bias field (separable, multiplicative) and receiver gain.
    public required float[] BiasA, BiasS, BiasL;
    public required float Gain;
    public required float NoiseSigma;

    public static BreastAnatomy Create(CohortSpec spec, PatientRecord p)
    {
        var rng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.Patient(p.Index), StreamPurpose.Anatomy);
        int nx = spec.Columns, ny = spec.Rows, nz = p.Slices;
        float dx = (float)p.PixelSpacingMm, dy = (float)p.PixelSpacingMm, dz = (float)p.SliceThicknessMm;
        float fovA = nx * dx, fovS = ny * dy, slab = nz * dz;
        float F(double lo, double hi) => (float)rng.NextDouble(lo, hi);

        float air = F(10, 22);
        float muscle = F(7, 14);
        float maxDepth = fovA - air - 4 - 1.25f * muscle - RibBand - 15; // keep some lung in view
        float depth = Math.Min(F(60, 115), maxDepth);
        float halfHeight = F(52, 75);
        float nippleS = fovS / 2 + F(-12, 12);
        float nippleL = slab / 2 + F(-5, 5);
        float glandOffset = p.Density switch
        {
            BreastDensity.A => F(-1.7, -1.2),
            BreastDensity.B => F(-1.0, -0.5),
            BreastDensity.C => F(-0.3, 0.2),
            _ => F(0.4, 0.9),
        };
        float biasStrength = (float)p.Scanner.BiasFieldStrength;
        float cA = -F(1.0, 2.0), qA = F(-0.8, 0.8), cS = F(-0.6, 0.6), qS = F(-1.2, 0.4), cL = F(-0.6, 0.6), qL = F(-1.2, 0.4);
        float[] Bias(int n, float spacing, float extent, float c, float q, float centre)
        {
            var b = new float[n];
            for (int i = 0; i < n; i++)
            {
                float u = i * spacing / extent;
                b[i] = MathF.Exp(biasStrength * (c * (u - centre) + q * (u - 0.5f) * (u - 0.5f)));
            }
            return b;
        }
        float gain = (float)p.Scanner.IntensityScale * F(0.85, 1.15);

        return new BreastAnatomy
        {
            Nx = nx, Ny = ny, Nz = nz, Dx = dx, Dy = dy, Dz = dz,
            Depth = depth,
            HalfHeightSuperior = halfHeight * F(1.05, 1.25),
            HalfHeightInferior = halfHeight * F(0.75, 0.92),
            HalfWidth = F(55, 80),
            ShapeExponent = F(0.35, 0.65),
            NippleS = nippleS,
            NippleL = nippleL,
            ChestSubcutaneous = F(8, 16),
            ChestA0 = air + depth + 4,
            CurvatureS = F(0.0005, 0.0015),
            CurvatureL = F(0.0010, 0.0025),
            ChestCentreS = nippleS + F(-25, 15),
            ChestCentreL = nippleL + F(-20, 20),
            MuscleThickness = muscle,
            RibSpacing = F(20, 26),
            RibPhase = F(0, 26),
            SkinThickness = F(1.4, 2.2),
            SubcutaneousFat = F(3, 9),
            RetromammaryFat = F(2, 7),
            GlandOffset = glandOffset,
            GlandReachS = F(0.75, 0.95),
            GlandReachL = F(0.7, 0.9),
            BackgroundEnhancement = F(0.05, 0.4),
            BiasA = Bias(nx, dx, fovA, cA, qA, 0.35f),
            BiasS = Bias(ny, dy, fovS, cS, qS, 0.5f),
            BiasL = Bias(nz, dz, slab, cL, qL, 0.5f),
            Gain = gain,
            NoiseSigma = (float)p.Scanner.NoiseSigma * gain,
        };
    }

    /// <summary>A of the anterior surface of the pectoralis (curved like the rib cage).</summary>
    public float ChestWallA(float s, float l) =>
        ChestA0 + CurvatureS * (s - ChestCentreS) * (s - ChestCentreS) + CurvatureL * (l - ChestCentreL) * (l - ChestCentreL);

    /// <summary>Soft-tissue depth in front of the chest wall: the breast dome (with nipple) merged smoothly with the thin chest subcutis.</summary>
    public float SoftTissueDepth(float s, float l)
    {
        float hs = s < NippleS ? HalfHeightSuperior : HalfHeightInferior;
        float u = (s - NippleS) / hs, w = (l - NippleL) / HalfWidth;
        float r2 = u * u + w * w;
        float dome = r2 < 1 ? Depth * MathF.Pow(1 - r2, ShapeExponent) : 0;
        float dn2 = ((s - NippleS) * (s - NippleS) + (l - NippleL) * (l - NippleL)) / (4.5f * 4.5f);
        if (r2 < 1) dome += 4f * MathF.Exp(-dn2);
        const float k = 5f; // smooth maximum: no crease where the dome meets the chest subcutis
        float m = Math.Max(dome, ChestSubcutaneous);
        return m + k * MathF.Log(MathF.Exp((dome - m) / k) + MathF.Exp((ChestSubcutaneous - m) / k));
    }

    public float SkinA(float s, float l) => ChestWallA(s, l) - SoftTissueDepth(s, l);

    /// <summary>Where glandular tissue may be, across the breast base (1 centrally, 0 beyond the gland's reach).</summary>
    public float GlandRadial(float s, float l)
    {
        float hs = s < NippleS ? HalfHeightSuperior : HalfHeightInferior;
        float u = (s - NippleS) / (hs * GlandReachS), w = (l - NippleL) / (HalfWidth * GlandReachL);
        float r = MathF.Sqrt(u * u + w * w);
        return 1 - SmoothStep(0.55f, 1.0f, r);
    }

    /// <summary>Pectoralis thickness: thicker superiorly, toward the axilla.</summary>
    public float MuscleThicknessAt(float s) => MuscleThickness * Math.Max(0.35f, 1.25f - 0.6f * s / FovS);

    public static float SmoothStep(float e0, float e1, float x)
    {
        float t = Math.Clamp((x - e0) / (e1 - e0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
