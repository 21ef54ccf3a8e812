namespace Radiogenomics.Learning;

/// <summary>
/// A seeded patient-level (grouped) training/validation split: patients (sorted ordinally, so the split
/// does not depend on row order) are shuffled by a seeded SplitMix64 Fisher–Yates and the first
/// round(fraction × patients) go to validation. Every image of a patient lands on the same side. At least one
/// patient always stays in training; a positive fraction with two or more patients gives at least one validation patient.
/// </summary>
public sealed class PatientSplit
{
    private PatientSplit(IReadOnlyList<string> trainingPatients, IReadOnlyList<string> validationPatients, int[] training, int[] validation)
    {
        TrainingPatients = trainingPatients;
        ValidationPatients = validationPatients;
        TrainingImages = training;
        ValidationImages = validation;
    }

    public IReadOnlyList<string> TrainingPatients { get; }
    public IReadOnlyList<string> ValidationPatients { get; }

    /// <summary>Row indices of the training images, in input order.</summary>
    public int[] TrainingImages { get; }

    /// <summary>Row indices of the validation images, in input order.</summary>
    public int[] ValidationImages { get; }

    public static PatientSplit Create(IReadOnlyList<string> patientOfImage, double validationFraction, ulong seed)
    {
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must lie in [0, 1)");
        var patients = patientOfImage.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        // A stream of its own: the model's generator gets the seed itself, the split a mixed one.
        ulong state = seed ^ 0x5DAE_5B11_7000_0001UL;
        for (int i = patients.Length - 1; i > 0; i--)
        {
            int j = (int)(NextUInt64(ref state) % (ulong)(i + 1));
            (patients[i], patients[j]) = (patients[j], patients[i]);
        }

        int validationCount = (int)Math.Round(validationFraction * patients.Length, MidpointRounding.AwayFromZero);
        if (validationFraction > 0 && patients.Length >= 2) validationCount = Math.Max(1, validationCount);
        validationCount = Math.Min(validationCount, Math.Max(0, patients.Length - 1));
        var validation = patients.Take(validationCount).Order(StringComparer.Ordinal).ToArray();
        var training = patients.Skip(validationCount).Order(StringComparer.Ordinal).ToArray();
        var isValidation = validation.ToHashSet(StringComparer.Ordinal);
        var trainingRows = new List<int>();
        var validationRows = new List<int>();
        for (int i = 0; i < patientOfImage.Count; i++)
            (isValidation.Contains(patientOfImage[i]) ? validationRows : trainingRows).Add(i);
        return new PatientSplit(training, validation, [.. trainingRows], [.. validationRows]);
    }

    private static ulong NextUInt64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
