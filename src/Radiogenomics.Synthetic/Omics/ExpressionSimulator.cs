namespace Radiogenomics.Synthetic;

/// <summary>
/// RNA-seq counts: count_gi ~ NB(μ_gi, φ_g) with log μ_gi = log L_i + log(cpm_g/10⁶) + loading_g · x_i[latent(g)].
/// Each sample uses its own stream, so sample i's counts do not depend on the cohort size.
/// </summary>
internal static class ExpressionSimulator
{
    public static CountMatrix Simulate(CohortSpec spec, GeneCatalog catalog, IReadOnlyList<PatientRecord> patients, int maxDegreeOfParallelism)
    {
        int g = catalog.Count, n = patients.Count;
        var values = new int[g * n];
        var logBase = catalog.Genes.Select(x => x.BaselineCpm > 0 ? Math.Log(x.BaselineCpm / 1e6) : double.NegativeInfinity).ToArray();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            s => SimulateSample(spec, catalog, logBase, patients[s], values.AsSpan(s * g, g)));
        return new CountMatrix(g, n, values);
    }

    private static void SimulateSample(CohortSpec spec, GeneCatalog catalog, double[] logBase, PatientRecord patient, Span<int> dest)
    {
        var rng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.Patient(patient.Index), StreamPurpose.Counts);
        // The genefu signature genes (after the seed's) draw from their own stream, so the seed's counts never depend on them.
        var supplementRng = Xoshiro256StarStar.ForStream(spec.Seed, StreamPurpose.Patient(patient.Index), StreamPurpose.SignatureGeneCounts);
        Span<double> latent = stackalloc double[LatentModel.Dimension];
        for (int k = 0; k < LatentModel.ProgramCount; k++) latent[k] = patient.Latents.ProgramActivities[k];
        for (int k = 0; k < LatentModel.SingleGeneCount; k++) latent[LatentModel.ProgramCount + k] = patient.Latents.SingleGeneDrivers[k];
        double logLibrary = Math.Log(patient.LibrarySize);
        for (int i = 0; i < dest.Length; i++)
        {
            var gene = catalog.Genes[i];
            if (gene.IsParY) { dest[i] = 0; continue; }
            double logMean = logLibrary + logBase[i];
            if (gene.LatentIndex >= 0) logMean += gene.Loading * latent[gene.LatentIndex];
            long c = (gene.IsSignatureSupplement ? supplementRng : rng).NegativeBinomial(Math.Exp(logMean), gene.Dispersion);
            dest[i] = (int)Math.Min(c, int.MaxValue);
        }
    }
}
