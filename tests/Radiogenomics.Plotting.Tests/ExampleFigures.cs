namespace Radiogenomics.Plotting.Tests;

/// <summary>
/// The example figures kept under golden/: made from fixed pseudo-random data so they are the same on every run.
/// They show what the researchers will see: an association heatmap, image sheets, survival and ROC curves.
/// </summary>
internal static class ExampleFigures
{
    public static readonly string[] RadiomicFeatures =
    [
        "original_shape_Sphericity", "original_shape_Elongation", "original_shape_SurfaceVolumeRatio",
        "original_firstorder_Entropy", "original_firstorder_Kurtosis", "original_firstorder_Skewness",
        "original_glcm_Correlation", "original_glcm_Contrast", "original_glcm_JointEnergy", "original_glcm_Idm",
        "original_glrlm_RunEntropy", "original_glrlm_LongRunEmphasis", "original_glszm_ZoneEntropy",
        "original_glszm_SizeZoneNonUniformityNormalized", "original_gldm_DependenceEntropy", "original_ngtdm_Busyness",
        "wavelet-LLH_glcm_Correlation", "wavelet-LLH_firstorder_Mean", "wavelet-HLL_glrlm_GrayLevelVariance",
        "wavelet-HHH_firstorder_Energy", "log-sigma-2mm_firstorder_Median", "log-sigma-3mm_glcm_ClusterShade",
        "deep_k03_mean", "deep_k07_mean", "deep_k11_max", "deep_k14_std", "enhancement_peak", "enhancement_washout",
        "kinetic_SER_volume", "kinetic_wash_in_rate",
    ];

    public static readonly string[] GenomicFeatures =
    [
        "ESR1", "PGR", "ERBB2", "MKI67", "AURKA", "FOXA1", "GATA3", "TP53", "PIK3CA", "CCND1", "MYC", "BRCA1",
        "PAM50 LumA", "PAM50 Basal", "Oncotype DX RS", "Immune (CD8A)", "Proliferation", "KEGG_CELL_CYCLE",
        "HALLMARK_E2F_TARGETS", "HALLMARK_EMT", "REACTOME_ANGIOGENESIS", "HALLMARK_HYPOXIA",
    ];

    /// <summary>−log10 q for radiomic × genomic pairs: mostly null (q near 1) with planted blocks of association.</summary>
    public static double[,] AssociationMatrix()
    {
        var rng = new TestRandom(20230501);
        int r = RadiomicFeatures.Length, c = GenomicFeatures.Length;
        var m = new double[r, c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                m[i, j] = rng.NextExponential(3); // null: −log10 q mostly below 1
        void Block(int r0, int r1, int c0, int c1, double strength)
        {
            for (int i = r0; i < r1; i++)
                for (int j = c0; j < c1; j++)
                    m[i, j] = strength * (0.6 + 0.8 * rng.NextDouble());
        }
        Block(3, 8, 3, 5, 6);     // heterogeneity ~ proliferation genes
        Block(16, 20, 16, 19, 4); // wavelet texture ~ cell-cycle pathways
        Block(26, 30, 19, 22, 8); // kinetics ~ angiogenesis / hypoxia
        Block(0, 3, 0, 2, 2.5);   // shape ~ hormone receptors
        m[12, 7] = double.NaN;    // a model that did not converge
        m[13, 7] = double.NaN;
        m[27, 20] = double.PositiveInfinity; // q = 0 underflow
        return m;
    }

    public static HeatmapChart Heatmap() => new(AssociationMatrix())
    {
        Title = "Radiogenomic associations",
        RowLabels = RadiomicFeatures,
        ColumnLabels = GenomicFeatures,
        RowAxisTitle = "Image features",
        ColumnAxisTitle = "Genomic features",
        ColorBarLabel = "-log10 q",
        Minimum = 0, // q = 1 at the bottom of the scale
        ClusterRows = true,
        ClusterColumns = true,
        MaxCellSize = 18,
    };

    /// <summary>A synthetic axial breast-MRI-like slice: body outline, fibroglandular tissue, an enhancing lesion, noise.</summary>
    public static GreyImage Phantom(int size, TestRandom rng, double lesionX, double lesionY, double lesionR, double contrast)
    {
        var img = new GreyImage(size, size);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double u = (x + 0.5) / size * 2 - 1, v = 1 - (y + 0.5) / size * 2; // anterior (breasts) at the top, as displayed
                double value = 20;
                bool leftBreast = Sq((u + 0.45) / 0.5) + Sq((v - 0.05) / 0.6) < 1 && v > -0.35;
                bool rightBreast = Sq((u - 0.45) / 0.5) + Sq((v - 0.05) / 0.6) < 1 && v > -0.35;
                bool chest = v < -0.3 && v > -0.75 && Math.Abs(u) < 0.95;
                if (leftBreast || rightBreast) value = 300 + 60 * Math.Sin(6 * u) * Math.Cos(5 * v);
                if (chest) value = 180;
                if ((leftBreast || rightBreast) && Math.Sin(9 * u + 3 * Math.Sin(4 * v)) > 0.6) value += 120; // fibroglandular strands
                double d = Math.Sqrt(Sq(u - lesionX) + Sq(v - lesionY));
                if (d < lesionR) value += contrast * (1 - d / lesionR * 0.5);
                img[x, y] = (float)(value + 25 * rng.NextGaussian());
            }
        return img;
    }

    private static double Sq(double v) => v * v;

    public static ImageGrid Grid()
    {
        var rng = new TestRandom(42);
        var grid = new ImageGrid
        {
            Title = "Preprocessed tensors (64x64), 1-99th percentile window",
            Window = GridWindowMode.PerImagePercentile,
            Columns = 4,
        };
        string[] patients = ["TCGA-AO-A0J2", "TCGA-BH-A0BM", "TCGA-E2-A14N", "TCGA-AR-A1AR", "TCGA-A2-A0YE", "TCGA-D8-A1JF", "TCGA-EW-A1P8", "TCGA-OL-A66I"];
        for (int k = 0; k < patients.Length; k++)
        {
            var img = Phantom(64, rng, -0.5 + 0.14 * k, -0.1 - 0.05 * (k % 3), 0.08 + 0.02 * (k % 4), 250 + 40 * k);
            if (k == 5) for (int y = 40; y < 48; y++) for (int x = 10; x < 20; x++) img[x, y] = float.NaN; // masked voxels
            grid.Add(img, $"{patients[k]} slice {40 + 3 * k}");
        }
        return grid;
    }

    /// <summary>16 kernels × 16×16 activation maps on one shared window, viridis, with a colour bar.</summary>
    public static ImageGrid Kernels()
    {
        var rng = new TestRandom(7);
        var grid = new ImageGrid
        {
            Title = "Deep feature maps, TCGA-AO-A0J2",
            Window = GridWindowMode.SharedMinMax,
            Colormap = Colormap.Viridis,
            ShowColorBar = true,
            ColorBarLabel = "activation",
            TileSize = 96,
            Spacing = 8,
        };
        for (int k = 0; k < 16; k++)
        {
            var img = new GreyImage(16, 16);
            double fx = 0.2 + 0.1 * (k % 4), fy = 0.15 + 0.1 * (k / 4), phase = k;
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++)
                    img[x, y] = (float)Math.Max(0, Math.Sin(fx * x + phase) * Math.Cos(fy * y) * (1 + k / 8.0) + 0.2 * rng.NextGaussian());
            grid.Add(img, $"kernel {k}");
        }
        return grid;
    }

    /// <summary>Kaplan–Meier estimate of a simulated cohort: (times of the curve's corners, survival, censored times).</summary>
    public static (double[] X, double[] Y, double[] Censored) KaplanMeier(TestRandom rng, int n, double hazard, double censorRate)
    {
        var obs = new List<(double Time, bool Event)>();
        for (int i = 0; i < n; i++)
        {
            double t = rng.NextExponential(hazard), c = Math.Min(rng.NextExponential(censorRate), 120);
            obs.Add(t <= c ? (Math.Round(t, 1), true) : (Math.Round(c, 1), false));
        }
        obs.Sort((a, b) => a.Time.CompareTo(b.Time));
        var xs = new List<double> { 0 };
        var ys = new List<double> { 1 };
        var censored = new List<double>();
        double s = 1;
        int atRisk = n;
        for (int i = 0; i < obs.Count;)
        {
            double t = obs[i].Time;
            int events = 0, leaving = 0;
            while (i < obs.Count && obs[i].Time == t)
            {
                if (obs[i].Event) events++; else censored.Add(t);
                leaving++;
                i++;
            }
            if (events > 0)
            {
                s *= 1 - (double)events / atRisk;
                xs.Add(t);
                ys.Add(s);
            }
            atRisk -= leaving;
        }
        double last = obs[^1].Time;
        if (xs[^1] < last) { xs.Add(last); ys.Add(s); }
        return (xs.ToArray(), ys.ToArray(), censored.ToArray());
    }

    public static LineChart Survival()
    {
        var rng = new TestRandom(1234);
        var low = KaplanMeier(rng, 60, 1 / 150.0, 1 / 80.0);
        var high = KaplanMeier(rng, 55, 1 / 45.0, 1 / 80.0);
        return new LineChart
        {
            Title = "Overall survival by radiogenomic risk group",
            XLabel = "Months since diagnosis",
            YLabel = "Survival probability",
            YMin = 0,
            YMax = 1,
            XMin = 0,
        }
        .Add(new LineSeries("Low risk (n = 60)", low.X, low.Y) { Step = true, MarkX = low.Censored })
        .Add(new LineSeries("High risk (n = 55)", high.X, high.Y) { Step = true, MarkX = high.Censored });
    }

    public static LineChart Roc()
    {
        var rng = new TestRandom(99);
        (double[] Fpr, double[] Tpr, double Auc) Curve(double separation)
        {
            var scores = new List<(double Score, bool Positive)>();
            for (int i = 0; i < 80; i++) scores.Add((rng.NextGaussian() + separation, true));
            for (int i = 0; i < 120; i++) scores.Add((rng.NextGaussian(), false));
            scores.Sort((a, b) => b.Score.CompareTo(a.Score));
            var fpr = new List<double> { 0 };
            var tpr = new List<double> { 0 };
            int tp = 0, fp = 0;
            double auc = 0;
            foreach (var (_, positive) in scores)
            {
                if (positive) tp++; else { fp++; auc += tp / 80.0 / 120.0; }
                fpr.Add(fp / 120.0);
                tpr.Add(tp / 80.0);
            }
            return (fpr.ToArray(), tpr.ToArray(), auc);
        }
        var deep = Curve(1.6);
        var radiomic = Curve(0.8);
        return new LineChart
        {
            Title = "Predicting ER status",
            XLabel = "False positive rate",
            YLabel = "True positive rate",
            Width = 520,
            Height = 520,
            XMin = 0, XMax = 1, YMin = 0, YMax = 1,
            DiagonalReference = true,
        }
        .Add(new LineSeries($"Deep features (AUC {deep.Auc:0.00})", deep.Fpr, deep.Tpr))
        .Add(new LineSeries($"Radiomics (AUC {radiomic.Auc:0.00})", radiomic.Fpr, radiomic.Tpr));
    }

}
