namespace Radiogenomics.Synthetic;

/// <summary>
/// A reproducible synthetic breast DCE-MRI + tumour RNA-seq cohort with planted truth, generated in memory.
/// <see cref="Generate"/> builds everything except image voxels (patients, clinical, survival, counts, gene sets, truth:
/// well under a second for 110 × 20,000); volumes are made per patient on demand with <see cref="GenerateImaging"/>
/// or streamed in parallel with <see cref="GenerateAllImaging"/>, so a DICOM writer never needs the whole cohort in memory.
/// </summary>
public sealed class SyntheticCohort
{
    private SyntheticCohort(CohortSpec spec, GeneCatalog genes, IReadOnlyList<GeneSet> geneSets,
        IReadOnlyList<GeneSignature> signatures, IReadOnlyList<PatientRecord> patients, CountMatrix counts, TruthTable truth)
    {
        Spec = spec;
        Genes = genes;
        GeneSets = geneSets;
        Signatures = signatures;
        Patients = patients;
        Counts = counts;
        Truth = truth;
    }

    public CohortSpec Spec { get; }
    public GeneCatalog Genes { get; }

    /// <summary>Pathways for the GMT file: 7 driver sets, partial sets and null sets, sorted by name.</summary>
    public IReadOnlyList<GeneSet> GeneSets { get; }

    /// <summary>One signed signature per driver programme.</summary>
    public IReadOnlyList<GeneSignature> Signatures { get; }

    public IReadOnlyList<PatientRecord> Patients { get; }

    /// <summary>Unstranded counts, genes (catalogue order) × patients (cohort order).</summary>
    public CountMatrix Counts { get; }

    public TruthTable Truth { get; }

    /// <summary>Builds the non-imaging cohort. Deterministic in <paramref name="spec"/>; parallel over samples for the counts.</summary>
    public static SyntheticCohort Generate(CohortSpec spec, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var model = new LatentModel(spec);
        var genes = GeneCatalogBuilder.BuildCatalog(spec);
        var sets = GeneCatalogBuilder.BuildGeneSets(spec, genes);
        var signatures = GeneCatalogBuilder.BuildSignatures();
        var patients = Enumerable.Range(0, spec.PatientCount).Select(i => PatientFactory.Create(spec, model, i)).ToArray();
        var counts = ExpressionSimulator.Simulate(spec, genes, patients, maxDegreeOfParallelism ?? Environment.ProcessorCount);
        var truth = TruthTableBuilder.Build(spec, model, genes, sets, signatures);
        return new SyntheticCohort(spec, genes, sets, signatures, patients, counts, truth);
    }

    /// <summary>
    /// One patient's record without generating the cohort: equal to <c>Generate(spec).Patients[index]</c> for any
    /// <see cref="CohortSpec.PatientCount"/> above <paramref name="index"/>.
    /// </summary>
    public static PatientRecord GeneratePatient(CohortSpec spec, int index)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return PatientFactory.Create(spec, new LatentModel(spec), index);
    }

    /// <summary>Renders one patient's DCE volumes, tumour mask and tissue labels (≈50 MB for 4 phases of 256×256×45 floats).</summary>
    public PatientImaging GenerateImaging(int patientIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patientIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(patientIndex, Patients.Count);
        return PhantomRenderer.Render(Spec, Patients[patientIndex]);
    }

    /// <summary>Renders a patient's imaging directly from a spec and a record (no cohort needed).</summary>
    public static PatientImaging GenerateImaging(CohortSpec spec, PatientRecord patient)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(patient);
        return PhantomRenderer.Render(spec, patient);
    }

    /// <summary>
    /// Renders every patient in parallel (one patient per worker) and hands each result to <paramref name="consume"/> on the
    /// worker's thread, in no particular order; the consumer must be thread-safe. Memory stays at one patient per worker
    /// as long as the consumer does not keep the volumes.
    /// </summary>
    public void GenerateAllImaging(Action<PatientImaging> consume, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consume);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        Parallel.For(0, Patients.Count, options, i => consume(GenerateImaging(i)));
    }
}
