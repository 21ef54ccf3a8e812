namespace Radiogenomics.Statistics;

/// <summary>
/// Every response column against every patient-level covariate with <see cref="LinearMixedModel"/>, in two passes
/// so memory stays flat in the number of pairs: <see cref="PValues"/> fits all pairs in parallel and keeps only p
/// (8 bytes a pair, for Benjamini–Hochberg); <see cref="FitBlock"/> refits a block of columns (deterministic, so
/// the numbers are identical) for a caller that streams full results. Per-patient sums are computed once per column.
/// </summary>
/// <param name="columns">Response columns, one value per image.</param>
/// <param name="patientOfImage">Each image's patient, 0 … <paramref name="patientCount"/> − 1.</param>
/// <param name="covariates">Covariate g of patient p at [g * patientCount + p]; NaN where missing.</param>
public sealed class LinearMixedModelScan(IReadOnlyList<double[]> columns, int[] patientOfImage, int patientCount, double[] covariates, int covariateCount,
    MissingCovariatePolicy policy)
{
    public int ColumnCount => columns.Count;
    public int CovariateCount => covariateCount;
    public long PairCount => (long)columns.Count * covariateCount;

    /// <summary>Pass 1: slope p-values of all pairs, [column * covariate count + covariate]; NaN where a fit has no test.</summary>
    public double[] PValues(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        int k = covariateCount, f = columns.Count;
        var p = new double[(long)f * k];
        int done = 0;
        Parallel.For(0, f, new ParallelOptions { CancellationToken = cancellationToken },
            () => (Summary: new PatientSummary(patientCount), Fits: new RandomInterceptFit[k]),
            (j, _, s) =>
            {
                s.Summary.Load(columns[j], patientOfImage);
                LinearMixedModel.FitMany(s.Summary, covariates, s.Fits, policy);
                for (int g = 0; g < k; g++) p[(long)j * k + g] = s.Fits[g].HasInference ? s.Fits[g].SlopeP : double.NaN;
                progress?.Report((double)Interlocked.Increment(ref done) / f);
                return s;
            }, _ => { });
        return p;
    }

    /// <summary>Pass 2: the fits of columns start … start + count − 1 against every covariate, at fits[(column − start) * covariate count + covariate].</summary>
    public void FitBlock(int start, int count, RandomInterceptFit[] fits)
    {
        int k = covariateCount;
        if (fits.Length < count * k) throw new ArgumentException($"room for {count * k} fits is needed", nameof(fits));
        Parallel.For(0, count, () => new PatientSummary(patientCount), (b, _, summary) =>
        {
            summary.Load(columns[start + b], patientOfImage);
            LinearMixedModel.FitMany(summary, covariates, fits.AsSpan(b * k, k), policy);
            return summary;
        }, _ => { });
    }
}
