namespace Radiogenomics.Statistics;

/// <summary>
/// Per-patient sufficient statistics of one image-level response (one radiomic feature):
/// image count n_i, mean ȳ_i and within-patient sum of squares Σ_j (y_ij − ȳ_i)².
/// </summary>
/// <remarks>
/// For <c>y ~ x + (1 | patient)</c> with x constant within patient, the REML likelihood depends on
/// the images only through these numbers (see <see cref="LinearMixedModel"/>), so they are computed
/// once per feature (O(images)) and every covariate fit afterwards costs O(patients).
/// An instance can be refilled with <see cref="Load"/> to avoid allocating per feature.
/// </remarks>
public sealed class PatientSummary
{
    private readonly double[] _counts;
    private readonly double[] _means;
    private readonly double[] _centeredMeans;
    private readonly double[] _withinSumOfSquares;
    private readonly double[] _shift;

    /// <summary>Creates an empty summary for <paramref name="patientCount"/> patients (indices 0..count−1).</summary>
    public PatientSummary(int patientCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patientCount);
        PatientCount = patientCount;
        _counts = new double[patientCount];
        _means = new double[patientCount];
        _centeredMeans = new double[patientCount];
        _withinSumOfSquares = new double[patientCount];
        _shift = new double[patientCount];
    }

    /// <summary>Number of patient slots (the length every covariate vector must have).</summary>
    public int PatientCount { get; }

    /// <summary>Patients with at least one image; slots without images take no part in any fit.</summary>
    public int ActivePatientCount { get; private set; }

    /// <summary>Total number of images N = Σ n_i.</summary>
    public long ImageCount { get; private set; }

    /// <summary>Largest n_i.</summary>
    public int MaxImagesPerPatient { get; private set; }

    /// <summary>Pooled within-patient sum of squares SSW = Σ_i Σ_j (y_ij − ȳ_i)².</summary>
    public double WithinSumOfSquares { get; private set; }

    /// <summary>Unweighted mean of the patient means; fits work on ȳ_i − Center for accuracy at large offsets.</summary>
    public double Center { get; private set; }

    /// <summary>False when some image value is NaN or infinite; every fit then reports <see cref="FitStatus.NonFiniteResponse"/>.</summary>
    public bool IsFinite { get; private set; } = true;

    /// <summary>n_i per patient (0 for a slot without images).</summary>
    public ReadOnlySpan<double> ImageCounts => _counts;

    /// <summary>ȳ_i per patient (0 for a slot without images).</summary>
    public ReadOnlySpan<double> Means => _means;

    /// <summary>ȳ_i − <see cref="Center"/> per patient.</summary>
    public ReadOnlySpan<double> CenteredMeans => _centeredMeans;

    /// <summary>Σ_j (y_ij − ȳ_i)² per patient.</summary>
    public ReadOnlySpan<double> PatientWithinSumOfSquares => _withinSumOfSquares;

    /// <summary>Builds the summary of image values <paramref name="y"/> whose patients are <paramref name="patientOfImage"/> (0-based).</summary>
    public static PatientSummary FromImages(ReadOnlySpan<double> y, ReadOnlySpan<int> patientOfImage, int patientCount)
    {
        var summary = new PatientSummary(patientCount);
        summary.Load(y, patientOfImage);
        return summary;
    }

    /// <summary>Builds a summary from moments already computed elsewhere.</summary>
    public static PatientSummary FromMoments(ReadOnlySpan<int> counts, ReadOnlySpan<double> means, ReadOnlySpan<double> withinSumsOfSquares)
    {
        if (means.Length != counts.Length || withinSumsOfSquares.Length != counts.Length)
            throw new ArgumentException("counts, means and within sums of squares must have the same length.");
        var s = new PatientSummary(counts.Length);
        for (int i = 0; i < counts.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(counts[i]);
            if (withinSumsOfSquares[i] < 0) throw new ArgumentException("Within sums of squares must be non-negative.");
            s._counts[i] = counts[i];
            s._means[i] = counts[i] > 0 ? means[i] : 0;
            s._withinSumOfSquares[i] = counts[i] > 0 ? withinSumsOfSquares[i] : 0;
        }
        s.Finish();
        return s;
    }

    /// <summary>Recomputes the summary in place for a new response (same number of patient slots).</summary>
    public void Load(ReadOnlySpan<double> y, ReadOnlySpan<int> patientOfImage)
    {
        if (y.Length != patientOfImage.Length)
            throw new ArgumentException("y and patientOfImage must have the same length.");
        Array.Clear(_counts);
        Array.Clear(_means);
        Array.Clear(_withinSumOfSquares);

        // Pass 1: sums shifted by each patient's first value, so that a patient whose images are all equal
        // gets that value back exactly as its mean and a within sum of squares of exactly 0.
        for (int k = 0; k < y.Length; k++)
        {
            int i = patientOfImage[k];
            if ((uint)i >= (uint)PatientCount) throw new ArgumentOutOfRangeException(nameof(patientOfImage), $"Patient index {i} outside 0..{PatientCount - 1}.");
            if (_counts[i] == 0) _shift[i] = y[k];
            _counts[i] += 1;
            _means[i] += y[k] - _shift[i];
        }
        for (int i = 0; i < PatientCount; i++)
            if (_counts[i] > 0) _means[i] = _shift[i] + _means[i] / _counts[i];

        // Pass 2: two-pass within sum of squares (no cancellation, unlike Σy² − nȳ²).
        for (int k = 0; k < y.Length; k++)
        {
            int i = patientOfImage[k];
            double r = y[k] - _means[i];
            _withinSumOfSquares[i] += r * r;
        }
        Finish();
    }

    private void Finish()
    {
        int active = 0, maxN = 0;
        long images = 0;
        double ssw = 0, first = double.NaN, shiftedSum = 0;
        bool finite = true;
        for (int i = 0; i < PatientCount; i++)
        {
            if (_counts[i] == 0) continue;
            active++;
            images += (long)_counts[i];
            maxN = Math.Max(maxN, (int)_counts[i]);
            ssw += _withinSumOfSquares[i];
            if (!double.IsFinite(_means[i]) || !double.IsFinite(_withinSumOfSquares[i])) finite = false;
            if (active == 1) first = _means[i];
            shiftedSum += _means[i] - first;
        }
        ActivePatientCount = active;
        ImageCount = images;
        MaxImagesPerPatient = maxN;
        WithinSumOfSquares = ssw;
        IsFinite = finite && double.IsFinite(ssw);
        // Shifted mean: exact when all patient means are equal, so a constant response centres to exact zeros.
        Center = active > 0 && IsFinite ? first + shiftedSum / active : 0;
        for (int i = 0; i < PatientCount; i++)
            _centeredMeans[i] = _counts[i] > 0 ? _means[i] - Center : 0;
    }
}
