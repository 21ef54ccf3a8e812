using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>associate.lme</c>'s table side of <see cref="LinearMixedModelScan"/>: radiomic features (with their kernels)
/// against genomic features; pass 2's fits stream to Parquet block by block with their q-values, so memory stays
/// flat in the number of pairs apart from the p vector.
/// </summary>
public sealed class AssociationScan
{
    private readonly FeatureMatrix _features;
    private readonly int?[] _kernels;
    private readonly LinearMixedModelScan _scan;

    public AssociationScan(FeatureTable features, IReadOnlyList<string> patients, IReadOnlyList<string> genomicNames, double[] covariates,
        IReadOnlyDictionary<string, string> familyOf, MissingCovariatePolicy policy)
    {
        _features = features.Values;
        _kernels = features.Layout.Kernels();
        Patients = patients;
        GenomicNames = genomicNames;
        FamilyOf = familyOf;
        var index = PatientOrder.IndexOf(patients);
        var patientOfImage = _features.PatientIds.Select(p => index[p!]).ToArray();
        _scan = new LinearMixedModelScan(_features.Columns, patientOfImage, patients.Count, covariates, genomicNames.Count, policy);
    }

    /// <summary>A scan of features without a map (fea_NNNN get the seed's 16×16 layout, as <see cref="FeatureTable.Read"/> gives them).</summary>
    public AssociationScan(FeatureMatrix features, IReadOnlyList<string> patients, IReadOnlyList<string> genomicNames, double[] covariates,
        IReadOnlyDictionary<string, string> familyOf, MissingCovariatePolicy policy)
        : this(new FeatureTable(features, FeatureLayout.FromSeedNames(features.FeatureNames)), patients, genomicNames, covariates, familyOf, policy) { }

    public IReadOnlyList<string> Patients { get; }
    public IReadOnlyList<string> GenomicNames { get; }
    public IReadOnlyDictionary<string, string> FamilyOf { get; }
    public int FeatureCount => _features.FeatureCount;
    public IReadOnlyList<string> FeatureNames => _features.FeatureNames;

    /// <summary>Each feature's kernel from the feature layout, null for features that are not autoencoder map cells.</summary>
    public IReadOnlyList<int?> Kernels => _kernels;
    public long PairCount => (long)_features.FeatureCount * GenomicNames.Count;

    /// <summary>Features fitted per block in pass 2: bounds memory at block × genomic features fits.</summary>
    public int BlockSize { get; init; } = 32;

    public static readonly ColumnDefinition[] Schema =
    [
        new("feature", ColumnType.String), new("kernel", ColumnType.Int32), new("genomic_feature", ColumnType.String), new("family", ColumnType.String),
        new("beta", ColumnType.Double), new("se", ColumnType.Double), new("df", ColumnType.Double), new("t", ColumnType.Double),
        new("p", ColumnType.Double), new("q", ColumnType.Double), new("sigma2", ColumnType.Double), new("sigma2_patient", ColumnType.Double),
        new("patients", ColumnType.Int32), new("images", ColumnType.Int64), new("status", ColumnType.String),
    ];

    /// <summary>Pass 1: slope p-values of all pairs, [feature * genomic count + genomic]; NaN where a fit has no test.</summary>
    public double[] PValues(IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        _scan.PValues(progress, cancellationToken);

    /// <summary>Benjamini–Hochberg over all pairs (global), per genomic feature, or per family.</summary>
    public double[] QValues(double[] p, FdrScope scope) =>
        MultipleTesting.Adjust(p, _features.FeatureCount, GenomicNames, g => FamilyOf.GetValueOrDefault(GenomicNames[g], "genomic"), scope);

    /// <summary>
    /// Pass 2: refits block by block and streams one row per pair, in feature-major order. Returns how many fits of
    /// each status gave no test (no slope inference), for the stage's summary.
    /// </summary>
    public IReadOnlyDictionary<FitStatus, long> Write(string path, double[] q, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        using var writer = new ParquetWriter(path, Schema);
        var untested = WriteFits(writer, 0, _features.FeatureCount, q, progress, cancellationToken);
        writer.Complete();
        return untested;
    }

    /// <summary>
    /// One shard of pass 2: the rows of features [start, end) with q left empty (it needs every pair's p), for
    /// <see cref="Merge"/>. The numbers are those of <see cref="Write"/>: the fits are deterministic.
    /// </summary>
    public void WriteShard(string path, int start, int end, CancellationToken cancellationToken = default)
    {
        using var writer = new ParquetWriter(path, Schema);
        WriteFits(writer, start, end, null, null, cancellationToken);
        writer.Complete();
    }

    /// <summary>
    /// Joins shard files (contiguous feature ranges, in order) into the table <see cref="Write"/> writes: Benjamini–Hochberg
    /// over the p of every pair, then each shard's rows with their q. Returns the untested fits by status and the q-values.
    /// </summary>
    public (IReadOnlyDictionary<FitStatus, long> Untested, double[] Q) Merge(string path, IReadOnlyList<string> shards, FdrScope scope, CancellationToken cancellationToken = default)
    {
        int k = GenomicNames.Count;
        var p = new double[PairCount];
        var untested = new Dictionary<FitStatus, long>();
        long row = 0;
        for (int s = 0; s < shards.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, end) = new Engine.Stages.StageShard(s, shards.Count).Range(FeatureCount);
            var part = ParquetFile.Read(shards[s], ["p", "status"]);
            if (part.RowCount != (long)(end - start) * k)
                throw new InvalidDataException($"{shards[s]}: {part.RowCount} rows, but shard {s + 1} of {shards.Count} covers features {start + 1}-{end} × {k} genomic features");
            var pv = part.GetNullableDoubles("p");
            var status = part.GetStrings("status");
            for (int r = 0; r < part.RowCount; r++, row++)
            {
                p[row] = pv[r] ?? double.NaN;
                var fit = new RandomInterceptFit { Status = status[r] == "ok" ? FitStatus.Ok : Enum.Parse<FitStatus>(status[r]!) };
                if (!fit.HasInference) untested[fit.Status] = untested.GetValueOrDefault(fit.Status) + 1;
            }
        }
        if (row != PairCount) throw new InvalidDataException($"the {shards.Count} shards hold {row} pairs, the scan has {PairCount}");
        var q = QValues(p, scope);
        using var writer = new ParquetWriter(path, Schema);
        long offset = 0;
        for (int s = 0; s < shards.Count; s++)
        {
            var part = ParquetFile.Read(shards[s]);
            var (start, end) = new Engine.Stages.StageShard(s, shards.Count).Range(FeatureCount);
            if (part.RowCount > 0 && (part.GetStrings("feature") is var names && (names[0] != _features.FeatureNames[start] || names[^1] != _features.FeatureNames[end - 1])))
                throw new InvalidDataException($"{shards[s]}: features {names[0]} … {names[^1]}, expected {_features.FeatureNames[start]} … {_features.FeatureNames[end - 1]}: the shards do not cover this scan's features in order");
            var qv = new double?[part.RowCount];
            for (int r = 0; r < qv.Length; r++) qv[r] = Finite(q[offset + r]);
            offset += part.RowCount;
            writer.Append(new Table(part.Columns.Select(c => c.Name == "q" ? Column.Create("q", qv) : c)));
        }
        writer.Complete();
        return (untested, q);
    }

    private Dictionary<FitStatus, long> WriteFits(ParquetWriter writer, int first, int end, double[]? q, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var untested = new Dictionary<FitStatus, long>();
        int k = GenomicNames.Count;
        var fits = new RandomInterceptFit[BlockSize * k];
        var families = GenomicNames.Select(g => (string?)FamilyOf.GetValueOrDefault(g, "genomic")).ToArray();
        for (int start = first; start < end; start += BlockSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(BlockSize, end - start);
            _scan.FitBlock(start, count, fits);
            writer.Append(Rows(start, count, fits, q, families));
            for (int r = 0; r < count * k; r++)
                if (!fits[r].HasInference) untested[fits[r].Status] = untested.GetValueOrDefault(fits[r].Status) + 1;
            progress?.Report((double)(start + count - first) / Math.Max(1, end - first));
        }
        return untested;
    }

    private Table Rows(int start, int count, RandomInterceptFit[] fits, double[]? q, string?[] families)
    {
        int k = GenomicNames.Count, n = count * k;
        var feature = new string?[n]; var kernel = new int?[n]; var gname = new string?[n]; var family = new string?[n];
        var beta = new double?[n]; var se = new double?[n]; var df = new double?[n]; var t = new double?[n];
        var pv = new double?[n]; var qv = new double?[n]; var s2 = new double?[n]; var sb2 = new double?[n];
        var patients = new int[n]; var images = new long[n]; var status = new string?[n];
        for (int b = 0; b < count; b++)
        {
            string name = _features.FeatureNames[start + b];
            int? kern = _kernels[start + b];
            for (int g = 0; g < k; g++)
            {
                int r = b * k + g;
                var fit = fits[r];
                bool inference = fit.HasInference;
                feature[r] = name; kernel[r] = kern; gname[r] = GenomicNames[g]; family[r] = families[g];
                beta[r] = Finite(fit.Slope);
                se[r] = inference ? Finite(fit.SlopeStandardError) : null;
                df[r] = inference ? fit.SlopeDegreesOfFreedom : null;
                t[r] = inference ? Finite(fit.SlopeT) : null;
                pv[r] = inference ? Finite(fit.SlopeP) : null;
                qv[r] = q is null ? null : Finite(q[(long)(start + b) * k + g]);
                s2[r] = Finite(fit.ResidualVariance); sb2[r] = Finite(fit.PatientVariance);
                patients[r] = fit.PatientCount; images[r] = fit.ImageCount;
                status[r] = fit.Status == FitStatus.Ok ? "ok" : fit.Status.ToString();
            }
        }
        return new Table().Add("feature", feature).Add("kernel", kernel).Add("genomic_feature", gname).Add("family", family)
            .Add("beta", beta).Add("se", se).Add("df", df).Add("t", t).Add("p", pv).Add("q", qv).Add("sigma2", s2).Add("sigma2_patient", sb2)
            .Add("patients", patients).Add("images", images).Add("status", status);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
