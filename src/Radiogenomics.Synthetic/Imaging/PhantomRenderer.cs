using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Radiogenomics.Synthetic;

/// <summary>
/// Renders one patient's DCE series. The anatomy is computed once into three arrays — pre-contrast signal (bias field and
/// partial volume included), enhancement amplitude, tissue label — and each phase is then
/// <c>signal = base + amplitude · curve[label](t)</c> plus the tumour's per-voxel kinetics (a sparse list), followed by
/// Rician noise (magnitude of signal + complex Gaussian noise). No allocation happens per voxel.
/// </summary>
internal sealed class PhantomRenderer : IDisposable
{
    // Fat-suppressed T1 spoiled gradient echo (e.g. GE VIBRANT) pre-contrast signals, arbitrary units at intensity scale 1.
    private const float FatSignal = 95, FgtSignal = 390, SkinSignal = 400, MuscleSignal = 205, MarrowSignal = 130;
    private const float CortexSignal = 40, LungSignal = 18, BloodSignal = 170, TumourSignal = 360, IntercostalSignal = 170;
    private const float MaxIntensity = 4095; // 12-bit unsigned

    private readonly CohortSpec _spec;
    private readonly PatientRecord _p;
    private readonly BreastAnatomy _a;
    private readonly int _nx, _ny, _nz, _n;
    private readonly float[] _base, _enh, _gland, _tex, _lig;
    private readonly byte[] _label;
    private readonly List<TumourVoxel> _tumour = new();
    private int _tumourCount;
    private double _ci, _cj, _ck;

    private readonly record struct TumourVoxel(int Index, float Weight, float Peak, float WashIn, float WashOut);

    private PhantomRenderer(CohortSpec spec, PatientRecord patient, BreastAnatomy anatomy)
    {
        _spec = spec;
        _p = patient;
        _a = anatomy;
        _nx = anatomy.Nx; _ny = anatomy.Ny; _nz = anatomy.Nz;
        _n = _nx * _ny * _nz;
        var pool = ArrayPool<float>.Shared;
        _base = pool.Rent(_n); _enh = pool.Rent(_n); _gland = pool.Rent(_n); _tex = pool.Rent(_n); _lig = pool.Rent(_n);
        _label = new byte[_n]; // handed to the caller as the label volume
    }

    public void Dispose()
    {
        var pool = ArrayPool<float>.Shared;
        pool.Return(_base); pool.Return(_enh); pool.Return(_gland); pool.Return(_tex); pool.Return(_lig);
    }

    /// <summary>Optional per-stage timing callback (diagnostics only; must be thread-safe).</summary>
    internal static Action<string, TimeSpan>? StageTimer;

    public static PatientImaging Render(CohortSpec spec, PatientRecord patient)
    {
        var anatomy = BreastAnatomy.Create(spec, patient);
        using var r = new PhantomRenderer(spec, patient, anatomy);
        var clock = StageTimer is null ? null : System.Diagnostics.Stopwatch.StartNew();
        void Lap(string stage) { if (clock is not null) { StageTimer!(stage, clock.Elapsed); clock.Restart(); } }
        r.FillNoiseFields(); Lap("noise fields");
        r.BuildAnatomy(); Lap("anatomy");
        r.AddVessels(); Lap("vessels");
        r.AddTumour(); Lap("tumour");

        var geometry = r.CreateGeometry();
        var times = patient.PhaseTimesSeconds;
        var phases = new DcePhase[times.Count];
        for (int ph = 0; ph < times.Count; ph++)
        {
            var image = GC.AllocateUninitializedArray<float>(r._n);
            r.RenderPhase(times[ph], ph, image);
            phases[ph] = new DcePhase(ph, ph == 0 ? "pre" : $"post{ph}", times[ph], new Volume<float>(geometry, image));
        }
        Lap("phases");
        var mask = new byte[r._n];
        for (int v = 0; v < r._n; v++) mask[v] = r._label[v] == (byte)TissueLabel.Tumour ? (byte)1 : (byte)0;
        var centroid = r._tumourCount > 0
            ? geometry.IndexToPoint(r._ci / r._tumourCount, r._cj / r._tumourCount, r._ck / r._tumourCount)
            : geometry.IndexToPoint((r._nx - 1) / 2.0, (r._ny - 1) / 2.0, (r._nz - 1) / 2.0);
        return new PatientImaging(patient, geometry, phases, new Volume<byte>(geometry, mask), new Volume<byte>(geometry, r._label), r._tumourCount, centroid);
    }

    /// <summary>Sagittal LPS grid: rows along −Z (superior→inferior), columns along +Y (anterior→posterior), slices along −X.</summary>
    private VolumeGeometry CreateGeometry()
    {
        // Exact spacings from the record (what the DICOM headers state), not the single-precision copies the renderer uses.
        double pixel = _p.PixelSpacingMm, thickness = _p.SliceThicknessMm;
        double centreX = _p.Laterality == Laterality.Left ? 90 : -90; // +X is the patient's left
        double originX = centreX + (_nz - 1) * thickness / 2;
        double originY = -60 - Math.Round(_a.ChestA0, 1);               // chest wall ≈ 60 mm anterior of the isocentre
        double originZ = (_ny - 1) * pixel / 2 + 20;
        return new VolumeGeometry
        {
            Columns = _nx, Rows = _ny, Slices = _nz, ColumnSpacing = pixel, RowSpacing = pixel, SliceSpacing = thickness,
            Origin = new Vector3D(Math.Round(originX, 4), Math.Round(originY, 4), Math.Round(originZ, 4)),
            RowDirection = new Vector3D(0, 1, 0), ColumnDirection = new Vector3D(0, 0, -1),
        };
    }

    private void FillNoiseFields()
    {
        var a = _a;
        var rng = Xoshiro256StarStar.ForStream(_spec.Seed, StreamPurpose.Patient(_p.Index), StreamPurpose.AnatomyNoise);
        var n = _n;
        // Glandular tissue: two octaves, elongated along A because ducts and lobules run toward the nipple.
        SmoothNoise.Fill(_gland.AsSpan(0, n), _nx, _ny, _nz, 11 / a.Dx, 6 / a.Dy, 7 / a.Dz, rng);
        SmoothNoise.Fill(_tex.AsSpan(0, n), _nx, _ny, _nz, 4.5 / a.Dx, 2.6 / a.Dy, 3.2 / a.Dz, rng);
        for (int v = 0; v < n; v++) _gland[v] += 0.45f * _tex[v];
        // Fine tissue texture; also the third octave of the glandular field, which gives its margins their feathery, scalloped look.
        SmoothNoise.Fill(_tex.AsSpan(0, n), _nx, _ny, _nz, 1.6 / a.Dx, 1.6 / a.Dy, 2.4 / a.Dz, rng);
        const float norm = 0.8575f; // 1/√(1 + 0.45² + 0.35²)
        for (int v = 0; v < n; v++) _gland[v] = (_gland[v] + 0.35f * _tex[v]) * norm;
        // Cooper's ligaments: thin sheets where a coarse field crosses zero.
        SmoothNoise.Fill(_lig.AsSpan(0, n), _nx, _ny, _nz, 14 / a.Dx, 9 / a.Dy, 10 / a.Dz, rng);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SmoothStep(float e0, float e1, float x) => BreastAnatomy.SmoothStep(e0, e1, x);

    private void BuildAnatomy()
    {
        var a = _a;
        float dx = a.Dx, dy = a.Dy, dz = a.Dz, invDx = 1 / dx;
        float skin = a.SkinThickness, sub = a.SubcutaneousFat, retro = a.RetromammaryFat, glandOffset = a.GlandOffset;
        const float h = 0.5f;
        for (int k = 0; k < _nz; k++)
        {
            float l = k * dz;
            for (int j = 0; j < _ny; j++)
            {
                float s = j * dy;
                float acw = a.ChestWallA(s, l);
                float askin = a.SkinA(s, l);
                float gS = (a.SkinA(s + h, l) - a.SkinA(s - h, l)) / (2 * h);
                float gL = (a.SkinA(s, l + h) - a.SkinA(s, l - h)) / (2 * h);
                float cos = 1 / MathF.Sqrt(1 + gS * gS + gL * gL); // turns distance along the row into distance normal to the skin
                float env = a.GlandRadial(s, l);
                float tm = a.MuscleThicknessAt(s);
                // Nearest rib: centres every RibSpacing along S, each jittered in position and size so the chain is not a regular pattern.
                float ribIndex = MathF.Round((s - a.RibPhase) / a.RibSpacing);
                uint ribHash = (uint)Xoshiro256StarStar.Mix64(_spec.Seed ^ ((ulong)(int)ribIndex * 0x9E3779B97F4A7C15UL) ^ (ulong)_p.Index);
                float ribJitter = ((ribHash & 0xFFFF) / 65535f - 0.5f) * 4f, ribScale = 0.85f + 0.3f * ((ribHash >> 16) / 65535f);
                float ribS = (s - (a.RibPhase + ribIndex * a.RibSpacing + ribJitter)) / ribScale;
                float rowGain = a.BiasS[j] * a.BiasL[k] * a.Gain;
                int row = (k * _ny + j) * _nx;
                for (int i = 0; i < _nx; i++)
                {
                    int v = row + i;
                    float x = i * dx;
                    float body = Math.Clamp(0.5f + (x - askin) * invDx, 0f, 1f);
                    if (body <= 0) { _base[v] = 0; _enh[v] = 0; _label[v] = (byte)TissueLabel.Air; continue; }
                    float ds = (x - askin) * cos;
                    float dm = acw - x;
                    float tex = _tex[v];
                    float wB = Math.Clamp(0.5f + dm * invDx, 0f, 1f); // breast-side share of a voxel straddling the chest wall
                    float vB = 0, eB = 0, vC = 0, eC = 0;
                    byte labB = 0, labC = 0;
                    if (wB > 0)
                    {
                        float skinW = 1 - SmoothStep(skin - 0.5f, skin + 0.5f, ds);
                        float depthW = SmoothStep(sub, sub + 8, ds) * SmoothStep(retro, retro + 6, dm);
                        float envT = env * depthW;
                        float f = SmoothStep(-0.3f, 0.3f, 0.9f * _gland[v] + 1.5f * (envT - 0.5f) + glandOffset) * Math.Min(1f, 4 * envT);
                        float lig = Math.Clamp(1 - MathF.Abs(_lig[v]) * 10, 0f, 1f) * 0.4f * SmoothStep(skin, skin + 2, ds) * SmoothStep(0.5f, 2, dm);
                        float fg = Math.Max(f, lig);
                        float tissue = FatSignal * (1 + 0.06f * tex) * (1 - fg) + FgtSignal * (1 + 0.07f * tex + 0.06f * _gland[v]) * fg;
                        vB = skinW * SkinSignal + (1 - skinW) * tissue;
                        if (skinW >= 0.5f) { labB = (byte)TissueLabel.Skin; eB = skinW * SkinSignal; }
                        else
                        {
                            labB = fg >= 0.5f ? (byte)TissueLabel.Fibroglandular : (byte)TissueLabel.Fat;
                            eB = (1 - skinW) * fg * FgtSignal * Math.Max(0f, 1 + 0.35f * tex); // patchy background parenchymal enhancement
                        }
                    }
                    if (wB < 1)
                    {
                        float dc = -dm;
                        if (dc < tm) { vC = MuscleSignal * (1 + 0.06f * tex); eC = MuscleSignal; labC = (byte)TissueLabel.Muscle; }
                        else
                        {
                            float r = dc - tm;
                            if (r < BreastAnatomy.RibBand)
                            {
                                float u = ribS / 6.5f, w = (r - 7) / 5f, e2 = u * u + w * w;
                                if (e2 < 1)
                                {
                                    labC = (byte)TissueLabel.Bone;
                                    if (e2 > 0.55f) { vC = CortexSignal; eC = 0; }
                                    else { vC = MarrowSignal * (1 + 0.08f * tex); eC = MarrowSignal; }
                                }
                                else { vC = IntercostalSignal * (1 + 0.06f * tex); eC = IntercostalSignal; labC = (byte)TissueLabel.Muscle; }
                            }
                            else { vC = LungSignal * (1 + 0.3f * tex); eC = 0; labC = (byte)TissueLabel.Lung; }
                        }
                    }
                    float value = wB * vB + (1 - wB) * vC;
                    byte label = wB >= 0.5f ? labB : labC;
                    float amplitude = wB >= 0.5f ? wB * eB : (1 - wB) * eC;
                    float g = a.BiasA[i] * rowGain * body;
                    _base[v] = value * g;
                    _enh[v] = amplitude * g;
                    _label[v] = body >= 0.5f ? label : (byte)TissueLabel.Air;
                }
            }
        }
    }

    private float BiasAt(int v, out int i, out int j, out int k)
    {
        i = v % _nx;
        int rest = v / _nx;
        j = rest % _ny;
        k = rest / _ny;
        return _a.BiasA[i] * _a.BiasS[j] * _a.BiasL[k] * _a.Gain;
    }

    private static bool IsBreastInterior(byte label) =>
        label is (byte)TissueLabel.Fat or (byte)TissueLabel.Fibroglandular or (byte)TissueLabel.Vessel;

    /// <summary>A few enhancing vessels: tapered tubes along quadratic Bézier curves from the chest wall toward the nipple.</summary>
    private void AddVessels()
    {
        var a = _a;
        var rng = Xoshiro256StarStar.ForStream(_spec.Seed, StreamPurpose.Patient(_p.Index), StreamPurpose.Vessels);
        float F(double lo, double hi) => (float)rng.NextDouble(lo, hi);
        var occ = _lig; // the ligament field is no longer needed: reuse it as the occupancy buffer
        Array.Clear(occ, 0, _n);
        var touched = new List<int>();
        int count = rng.NextInt(3, 6);
        for (int c = 0; c < count; c++)
        {
            float s0 = a.NippleS + F(-0.8, 0.8) * a.HalfHeightSuperior, l0 = a.NippleL + F(-0.7, 0.7) * a.HalfWidth;
            float a0 = a.ChestWallA(s0, l0) - a.RetromammaryFat - F(1, 5);
            float s2 = a.NippleS + F(-0.3, 0.3) * a.HalfHeightInferior, l2 = a.NippleL + F(-0.3, 0.3) * a.HalfWidth;
            float a2 = a.SkinA(s2, l2) + F(8, 22);
            float a1 = (a0 + a2) / 2 + F(-12, 12), s1 = (s0 + s2) / 2 + F(-15, 15), l1 = (l0 + l2) / 2 + F(-12, 12);
            float r0 = F(0.7, 1.5);
            float length = Dist(a0, s0, l0, a1, s1, l1) + Dist(a1, s1, l1, a2, s2, l2);
            int steps = Math.Max(2, (int)(length / 0.35f));
            for (int st = 0; st <= steps; st++)
            {
                float t = (float)st / steps, u = 1 - t;
                float pa = u * u * a0 + 2 * t * u * a1 + t * t * a2;
                float ps = u * u * s0 + 2 * t * u * s1 + t * t * s2;
                float pl = u * u * l0 + 2 * t * u * l1 + t * t * l2;
                Stamp(pa, ps, pl, r0 * (1 - 0.45f * t), occ, touched);
            }
        }
        foreach (int v in touched)
        {
            float o = occ[v];
            float g = BiasAt(v, out _, out _, out _);
            _base[v] = (1 - o) * _base[v] + o * BloodSignal * g;
            if (o >= 0.4f) { _label[v] = (byte)TissueLabel.Vessel; _enh[v] = o * BloodSignal * g; }
            else _enh[v] *= 1 - o;
        }

        static float Dist(float a0, float s0, float l0, float a1, float s1, float l1) =>
            MathF.Sqrt((a1 - a0) * (a1 - a0) + (s1 - s0) * (s1 - s0) + (l1 - l0) * (l1 - l0));
    }

    private void Stamp(float pa, float ps, float pl, float radius, float[] occ, List<int> touched)
    {
        var a = _a;
        int i0 = Math.Max(0, (int)MathF.Floor((pa - radius) / a.Dx) - 1), i1 = Math.Min(_nx - 1, (int)MathF.Ceiling((pa + radius) / a.Dx) + 1);
        int j0 = Math.Max(0, (int)MathF.Floor((ps - radius) / a.Dy) - 1), j1 = Math.Min(_ny - 1, (int)MathF.Ceiling((ps + radius) / a.Dy) + 1);
        int k0 = Math.Max(0, (int)MathF.Floor((pl - radius - a.Dz / 2) / a.Dz)), k1 = Math.Min(_nz - 1, (int)MathF.Ceiling((pl + radius + a.Dz / 2) / a.Dz));
        float thin = Math.Min(1f, 2 * radius / a.Dz); // a vessel thinner than the slice fills only part of it
        for (int k = k0; k <= k1; k++)
        {
            float dl = Math.Max(0, MathF.Abs(k * a.Dz - pl) - 0.5f * a.Dz);
            for (int j = j0; j <= j1; j++)
            {
                float dsj = j * a.Dy - ps;
                for (int i = i0; i <= i1; i++)
                {
                    int v = (k * _ny + j) * _nx + i;
                    if (!IsBreastInterior(_label[v])) continue;
                    float di = i * a.Dx - pa;
                    float d = MathF.Sqrt(di * di + dsj * dsj + dl * dl);
                    float o = Math.Clamp((radius - d) / a.Dx + 0.5f, 0f, 1f) * thin;
                    if (o <= 0) continue;
                    if (occ[v] == 0) touched.Add(v);
                    if (o > occ[v]) occ[v] = o;
                }
            }
        }
    }

    /// <summary>
    /// The tumour: an ellipsoid whose radius is perturbed by von Mises–Fisher bumps (lobulation), plus tapered spicules, placed in
    /// the glandular region and clipped to the breast interior. Each voxel gets its own kinetics: patient-level A, α, β modulated by
    /// smooth noise (heterogeneity), a brighter rim and an optional non-enhancing necrotic core.
    /// </summary>
    private void AddTumour()
    {
        var a = _a;
        var ph = _p.Tumour;
        var rng = Xoshiro256StarStar.ForStream(_spec.Seed, StreamPurpose.Patient(_p.Index), StreamPurpose.Tumour);
        float F(double lo, double hi) => (float)rng.NextDouble(lo, hi);

        // Shape.
        float ax1 = 1, ax2 = F(0.75, 1.0), ax3 = F(0.65, 1.0);
        float r0 = (float)(ph.DiameterMm / 2 / Math.Cbrt(ax2 * ax3));
        var rot = RandomRotation(rng);
        const int bumps = 10;
        var bumpDir = new Vector3D[bumps];
        var bumpAmp = new float[bumps];
        var bumpKappa = new float[bumps];
        var bumpMean = new float[bumps];
        for (int b = 0; b < bumps; b++)
        {
            bumpDir[b] = Unit(new Vector3D(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian()));
            float kappa = F(3.0, 8.0);
            double m = (1 - Math.Exp(-2 * kappa)) / (2 * kappa);
            double sd = Math.Sqrt((1 - Math.Exp(-4 * kappa)) / (4 * kappa) - m * m);
            bumpKappa[b] = kappa;
            bumpMean[b] = (float)m;
            bumpAmp[b] = (float)(rng.NextGaussian() * ph.LobulationAmplitude / (sd * Math.Sqrt(bumps)));
        }
        float Radius(float qx, float qy, float qz) // q̂ unit, in the ellipsoid's scaled frame
        {
            float sum = 0;
            for (int b = 0; b < bumps; b++)
            {
                var d = bumpDir[b];
                float dot = (float)(qx * d.X + qy * d.Y + qz * d.Z);
                sum += bumpAmp[b] * (MathF.Exp(bumpKappa[b] * (dot - 1)) - bumpMean[b]);
            }
            return r0 * Math.Max(0.35f, 1 + sum);
        }
        // Physical distance from the centre to the surface along unit direction n.
        float SurfaceDistance(Vector3D n)
        {
            float mx = (float)(rot[0, 0] * n.X + rot[1, 0] * n.Y + rot[2, 0] * n.Z) / ax1;
            float my = (float)(rot[0, 1] * n.X + rot[1, 1] * n.Y + rot[2, 1] * n.Z) / ax2;
            float mz = (float)(rot[0, 2] * n.X + rot[1, 2] * n.Y + rot[2, 2] * n.Z) / ax3;
            float len = MathF.Sqrt(mx * mx + my * my + mz * mz);
            return Radius(mx / len, my / len, mz / len) / len;
        }

        int spicules = ph.SpiculeCount;
        var spDir = new Vector3D[spicules];
        var spStart = new float[spicules];
        var spEnd = new float[spicules];
        var spWidth = new float[spicules];
        for (int s = 0; s < spicules; s++)
        {
            spDir[s] = Unit(new Vector3D(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian()));
            float surface = SurfaceDistance(spDir[s]);
            spStart[s] = 0.8f * surface;
            spEnd[s] = surface + (float)ph.SpiculeLengthMm * F(0.6, 1.4);
            spWidth[s] = F(1.0, 1.8); // half-width at the base: wide enough to survive 2–3 mm slices
        }

        // Placement: inside the glandular cone, between the subcutaneous and retromammary fat where it fits.
        float rPhys = (float)ph.DiameterMm / 2;
        float st = a.NippleS + F(-0.35, 0.35) * (a.HalfHeightSuperior + a.HalfHeightInferior) / 2;
        float lt = a.NippleL + F(-0.25, 0.25) * Math.Min(a.HalfWidth, a.SlabL / 2);
        float lMargin = Math.Min(0.7f * rPhys + 2, a.SlabL / 2);
        lt = Math.Clamp(lt, lMargin, a.SlabL - lMargin);
        float askin = a.SkinA(st, lt), acw = a.ChestWallA(st, lt);
        float lo = askin + a.SkinThickness + a.SubcutaneousFat * 0.5f + 0.7f * rPhys, hi = acw - a.RetromammaryFat - 0.7f * rPhys;
        float q = F(0.25, 0.75);
        float at = lo <= hi ? lo + q * (hi - lo) : (askin + acw) / 2;

        float peak = (float)ph.PeakEnhancement, alpha = (float)ph.WashInRatePerSecond, beta = (float)ph.WashOutRatePerSecond;
        float het = (float)ph.HeterogeneityAmplitude, rim = (float)ph.RimEnhancement, necrosis = (float)ph.NecrosisFraction;

        float reach = r0 * Math.Max(ax1, Math.Max(ax2, ax3)) * (1 + 3 * (float)ph.LobulationAmplitude) + 2;
        for (int s = 0; s < spicules; s++) reach = Math.Max(reach, spEnd[s] + 2);
        int i0 = Math.Max(0, (int)((at - reach) / a.Dx)), i1 = Math.Min(_nx - 1, (int)((at + reach) / a.Dx) + 1);
        int j0 = Math.Max(0, (int)((st - reach) / a.Dy)), j1 = Math.Min(_ny - 1, (int)((st + reach) / a.Dy) + 1);
        int k0 = Math.Max(0, (int)((lt - reach) / a.Dz)), k1 = Math.Min(_nz - 1, (int)((lt + reach) / a.Dz) + 1);
        float spiculePv = 0.5f * (a.Dx + a.Dz);

        // Heterogeneity fields over the bounding box only: a 3.5 mm field plus finer 1.8 mm detail (signal and peak), and a 6 mm field (kinetics).
        int bx = i1 - i0 + 1, by = j1 - j0 + 1, bz = k1 - k0 + 1;
        var coarse = new float[Math.Max(0, bx * by * bz)];
        var fine = new float[coarse.Length];
        var kinetic = new float[coarse.Length];
        if (coarse.Length > 0)
        {
            SmoothNoise.Fill(coarse, bx, by, bz, 3.5 / a.Dx, 3.5 / a.Dy, 3.5 / a.Dz, rng);
            SmoothNoise.Fill(fine, bx, by, bz, 1.8 / a.Dx, 1.8 / a.Dy, 1.8 / a.Dz, rng);
            SmoothNoise.Fill(kinetic, bx, by, bz, 6 / a.Dx, 6 / a.Dy, 6 / a.Dz, rng);
        }

        for (int k = k0; k <= k1; k++)
            for (int j = j0; j <= j1; j++)
                for (int i = i0; i <= i1; i++)
                {
                    int v = (k * _ny + j) * _nx + i;
                    if (!IsBreastInterior(_label[v])) continue;
                    float px = i * a.Dx - at, py = j * a.Dy - st, pz = k * a.Dz - lt;
                    float dist = MathF.Sqrt(px * px + py * py + pz * pz);
                    float occBody, rhoNorm;
                    if (dist < 1e-4f) { occBody = 1; rhoNorm = 0; }
                    else
                    {
                        float qx = (float)(rot[0, 0] * px + rot[1, 0] * py + rot[2, 0] * pz) / ax1;
                        float qy = (float)(rot[0, 1] * px + rot[1, 1] * py + rot[2, 1] * pz) / ax2;
                        float qz = (float)(rot[0, 2] * px + rot[1, 2] * py + rot[2, 2] * pz) / ax3;
                        float qn = MathF.Sqrt(qx * qx + qy * qy + qz * qz);
                        float radius = Radius(qx / qn, qy / qn, qz / qn);
                        rhoNorm = qn / radius;
                        float outside = dist * (1 - 1 / rhoNorm); // radial distance beyond the surface, mm
                        float width = (MathF.Abs(px) * a.Dx + MathF.Abs(py) * a.Dy + MathF.Abs(pz) * a.Dz) / dist; // voxel extent along the ray
                        occBody = Math.Clamp(0.5f - outside / width, 0f, 1f);
                    }
                    float occ = occBody;
                    for (int s = 0; s < spicules && occ < 1; s++)
                    {
                        var d = spDir[s];
                        float t = (float)(px * d.X + py * d.Y + pz * d.Z);
                        if (t < spStart[s] || t > spEnd[s]) continue;
                        float perp = MathF.Sqrt(Math.Max(0, dist * dist - t * t));
                        float w = spWidth[s] * (spEnd[s] - t) / (spEnd[s] - spStart[s]);
                        occ = Math.Max(occ, Math.Clamp(0.5f - (perp - w) / spiculePv, 0f, 1f));
                    }
                    if (occ < 0.02f) continue;

                    int local = ((k - k0) * by + (j - j0)) * bx + (i - i0);
                    float n1 = 0.8f * coarse[local] + 0.6f * fine[local];
                    float n2 = kinetic[local];
                    float necro = necrosis > 0 && rhoNorm < 1 ? 1 - SmoothStep(necrosis - 0.12f, necrosis + 0.04f, rhoNorm) : 0;
                    float rimW = rhoNorm <= 1 ? SmoothStep(0.6f, 0.95f, rhoNorm) : 0.8f; // spicules enhance like the rim
                    float peakV = Math.Clamp(peak * (1 + het * n1) * (1 + rim * rimW) * (1 - 0.92f * necro), 0f, 5f);
                    float washIn = alpha * MathF.Exp(0.35f * het * n2);
                    float washOut = beta + 0.0012f * het * n2;
                    float pre = TumourSignal * Math.Max(0.3f, 1 + 0.25f * het * n1) * (1 - 0.3f * necro);
                    float g = _a.BiasA[i] * _a.BiasS[j] * _a.BiasL[k] * _a.Gain;
                    _base[v] = (1 - occ) * _base[v] + occ * pre * g;
                    _enh[v] *= 1 - occ;
                    _tumour.Add(new TumourVoxel(v, occ * pre * g, peakV, washIn, washOut));
                    if (occ >= 0.5f)
                    {
                        _label[v] = (byte)TissueLabel.Tumour;
                        _tumourCount++;
                        _ci += i; _cj += j; _ck += k;
                    }
                }
    }

    private static double[,] RandomRotation(Xoshiro256StarStar rng)
    {
        double w = rng.NextGaussian(), x = rng.NextGaussian(), y = rng.NextGaussian(), z = rng.NextGaussian();
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        w /= n; x /= n; y /= n; z /= n;
        return new double[,]
        {
            { 1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w) },
            { 2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w) },
            { 2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y) },
        };
    }

    /// <summary>Relative enhancement of each label's tissue at time t (seconds after injection).</summary>
    private void Curves(double t, Span<float> curve)
    {
        curve.Clear();
        float bpe = (float)(_a.BackgroundEnhancement * (1 - Math.Exp(-t / 300)));
        curve[(int)TissueLabel.Fat] = bpe; // fat-labelled voxels carry only their glandular fraction's amplitude
        curve[(int)TissueLabel.Fibroglandular] = bpe;
        curve[(int)TissueLabel.Tumour] = bpe; // the non-tumour share of partial-volume tumour voxels
        curve[(int)TissueLabel.Skin] = (float)(0.20 * (1 - Math.Exp(-t / 150)));
        curve[(int)TissueLabel.Muscle] = (float)(0.45 * (1 - Math.Exp(-t / 100)));
        curve[(int)TissueLabel.Bone] = (float)(0.30 * (1 - Math.Exp(-t / 150)));
        curve[(int)TissueLabel.Vessel] = (float)(3.0 * (1 - Math.Exp(-t / 20)) * Math.Exp(-t / 1200));
    }

    /// <summary>
    /// Renders one phase slice by slice so each 256×256 plane stays in cache through all steps: tissue signal
    /// (<c>base + amplitude · curve[label]</c>), tumour kinetics, the in-plane point-spread function, then Rician noise.
    /// </summary>
    private void RenderPhase(double t, int phaseIndex, float[] image)
    {
        Span<float> curve = stackalloc float[16];
        Curves(t, curve);
        int plane = _nx * _ny;
        var rng = Xoshiro256StarStar.ForStream(_spec.Seed, StreamPurpose.Patient(_p.Index), StreamPurpose.ImageNoise, (ulong)phaseIndex);
        var core = rng.Core;
        var re = new float[plane];
        var im = new float[plane];
        var line = new float[Math.Max(_nx, _ny) + 2];
        var prevRow = new float[_nx];
        var curRow = new float[_nx];
        float tf = (float)t;
        int tumour = 0;
        var tumourVoxels = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tumour); // in increasing index order
        for (int k = 0; k < _nz; k++)
        {
            int offset = k * plane;
            var slice = image.AsSpan(offset, plane);
            var b = _base.AsSpan(offset, plane);
            var e = _enh.AsSpan(offset, plane);
            var lab = _label.AsSpan(offset, plane);
            for (int v = 0; v < plane; v++) slice[v] = b[v] + e[v] * curve[lab[v]];
            for (; tumour < tumourVoxels.Length && tumourVoxels[tumour].Index < offset + plane; tumour++)
            {
                ref readonly var tv = ref tumourVoxels[tumour];
                if (t > 0) slice[tv.Index - offset] += tv.Weight * tv.Peak * (1 - MathF.Exp(-tv.WashIn * tf)) * MathF.Exp(-tv.WashOut * tf);
            }
            PointSpreadBlur(slice, line, prevRow, curRow);
            AddRicianNoise(slice, ref core, re, im);
        }
    }

    /// <summary>
    /// In-plane point-spread function of the acquisition (finite k-space sampling): a separable [¼ ½ ¼] kernel along rows and
    /// columns, applied to the noise-free signal so edges are as soft as in real MRI while the noise stays white.
    /// </summary>
    private void PointSpreadBlur(Span<float> slice, float[] line, float[] prevRow, float[] curRow)
    {
        int nx = _nx, ny = _ny;
        var quarter = new Vector<float>(0.25f);
        var half = new Vector<float>(0.5f);
        int width = Vector<float>.Count;
        for (int j = 0; j < ny; j++)
        {
            var row = slice.Slice(j * nx, nx);
            row.CopyTo(line);
            int i = 1;
            for (; i + width <= nx - 1; i += width)
                (quarter * (new Vector<float>(line.AsSpan(i - 1)) + new Vector<float>(line.AsSpan(i + 1))) + half * new Vector<float>(line.AsSpan(i))).CopyTo(row[i..]);
            for (; i < nx - 1; i++) row[i] = 0.25f * (line[i - 1] + line[i + 1]) + 0.5f * line[i];
        }
        // Columns: each row becomes ¼·(row above) + ½·row + ¼·(row below), using saved copies of the unblurred rows.
        slice[..nx].CopyTo(prevRow);
        for (int j = 1; j < ny - 1; j++)
        {
            var row = slice.Slice(j * nx, nx);
            var below = slice.Slice((j + 1) * nx, nx);
            row.CopyTo(curRow);
            int i = 0;
            for (; i + width <= nx; i += width)
                (quarter * (new Vector<float>(prevRow.AsSpan(i)) + new Vector<float>(below[i..])) + half * new Vector<float>(curRow.AsSpan(i))).CopyTo(row[i..]);
            for (; i < nx; i++) row[i] = 0.25f * (prevRow[i] + below[i]) + 0.5f * curRow[i];
            (prevRow, curRow) = (curRow, prevRow);
        }
    }

    /// <summary>Rician noise: |signal + σ(n₁ + i·n₂)| with table Gaussians (4 per 64-bit draw), rounded and clipped to 12 bits.</summary>
    private void AddRicianNoise(Span<float> slice, ref XoshiroCore core, float[] re, float[] im)
    {
        var table = GaussianTable.Values;
        float sigma = _a.NoiseSigma;
        int n = slice.Length, v = 0;
        for (; v + 1 < n; v += 2)
        {
            ulong r = core.Next();
            re[v] = sigma * table[(int)(r & 0xFFFF)];
            im[v] = sigma * table[(int)((r >> 16) & 0xFFFF)];
            re[v + 1] = sigma * table[(int)((r >> 32) & 0xFFFF)];
            im[v + 1] = sigma * table[(int)(r >> 48)];
        }
        if (v < n)
        {
            ulong r = core.Next();
            re[v] = sigma * table[(int)(r & 0xFFFF)];
            im[v] = sigma * table[(int)((r >> 16) & 0xFFFF)];
        }
        var max = new Vector<float>(MaxIntensity);
        int width = Vector<float>.Count, i = 0;
        for (; i + width <= n; i += width)
        {
            var x = new Vector<float>(slice[i..]) + new Vector<float>(re.AsSpan(i));
            var y = new Vector<float>(im.AsSpan(i));
            Vector.Min(Vector.Round(Vector.SquareRoot(x * x + y * y)), max).CopyTo(slice[i..]);
        }
        for (; i < n; i++)
        {
            float x = slice[i] + re[i], y = im[i];
            slice[i] = Math.Min(MaxIntensity, MathF.Round(MathF.Sqrt(x * x + y * y)));
        }
    }

    /// <summary>
    /// A random direction scaled by the reciprocal of its length (not divided per component as
    /// <see cref="Vector3D.Normalized"/> does): the cohort's tumour shapes, and so its files, depend on these bits.
    /// </summary>
    private static Vector3D Unit(Vector3D v) => (1 / v.Length) * v;
}
