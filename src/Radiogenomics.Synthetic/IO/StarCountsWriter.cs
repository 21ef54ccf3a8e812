namespace Radiogenomics.Synthetic;

/// <summary>
/// GDC "augmented STAR gene counts" files (<c>&lt;uuid&gt;.rna_seq.augmented_star_gene_counts.tsv</c>, GENCODE v36), one per sample:
/// a <c># gene-model: GENCODE v36</c> comment, the 9-column header, the four STAR <c>N_*</c> rows (blank name, type and
/// normalised columns), then one row per gene. Normalised columns follow the GDC mRNA pipeline:
/// TPM = (c/len) / Σ(c/len) · 10⁶; FPKM = c · 10⁹ / (len · N_pc), N_pc = reads on protein-coding genes;
/// FPKM-UQ = c · 10⁹ / (len · Q75), Q75 = 75th percentile (R type 7) of protein-coding gene counts; all printed with 4 decimals.
/// The library is unstranded, so each gene's reads split about evenly between the two stranded columns.
/// </summary>
public static class StarCountsWriter
{
    public const string Header = "gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded";
    public const string GeneModelComment = "# gene-model: GENCODE v36";
    public const string FileNameSuffix = ".rna_seq.augmented_star_gene_counts.tsv";

    /// <summary>GDC file name of a sample's counts file.</summary>
    public static string FileName(PatientRecord patient) => patient.CountsFileUuid + FileNameSuffix;

    /// <summary>Writes sample <paramref name="sampleIndex"/> of <paramref name="cohort"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SyntheticCohort cohort, int sampleIndex)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, cohort, sampleIndex);
    }

    /// <summary>Writes one sample's file to a stream. Strand split and STAR summary rows come from the sample's own streams.</summary>
    public static void Write(Stream stream, SyntheticCohort cohort, int sampleIndex)
    {
        var genes = cohort.Genes;
        var counts = cohort.Counts.Sample(sampleIndex);
        var patient = cohort.Patients[sampleIndex];
        var key = StreamPurpose.Patient(patient.Index);
        var strand = Xoshiro256StarStar.ForStream(cohort.Spec.Seed, key, StreamPurpose.StrandSplit);
        double firstShare = strand.NextDouble(0.47, 0.53);

        int g = genes.Count;
        var first = new long[g];
        long geneTotal = 0, firstTotal = 0, secondTotal = 0;
        for (int i = 0; i < g; i++)
        {
            long c = counts[i];
            first[i] = strand.Binomial(c, firstShare);
            geneTotal += c;
            firstTotal += first[i];
            secondTotal += c - first[i];
        }
        var summary = Summary(cohort.Spec.Seed, patient.Index, geneTotal, firstTotal, secondTotal);

        // Normalisations from the unstranded column.
        double rateSum = 0;
        long proteinCoding = 0;
        var pcCounts = new List<double>(g);
        for (int i = 0; i < g; i++)
        {
            rateSum += (double)counts[i] / genes[i].Length;
            if (genes[i].Type == "protein_coding") { proteinCoding += counts[i]; pcCounts.Add(counts[i]); }
        }
        pcCounts.Sort();
        double q75 = QuantileType7(pcCounts, 0.75);

        using var w = new Utf8LineWriter(stream);
        w.Text(GeneModelComment).NewLine();
        w.Text(Header).NewLine();
        SummaryRow(w, "N_unmapped", summary.Unmapped, summary.Unmapped, summary.Unmapped);
        SummaryRow(w, "N_multimapping", summary.Multimapping, summary.Multimapping, summary.Multimapping);
        SummaryRow(w, "N_noFeature", summary.NoFeature[0], summary.NoFeature[1], summary.NoFeature[2]);
        SummaryRow(w, "N_ambiguous", summary.Ambiguous[0], summary.Ambiguous[1], summary.Ambiguous[2]);
        for (int i = 0; i < g; i++)
        {
            var gene = genes[i];
            long c = counts[i];
            double len = gene.Length;
            double tpm = rateSum > 0 ? c / len / rateSum * 1e6 : 0;
            double fpkm = proteinCoding > 0 ? c * 1e9 / (len * proteinCoding) : 0;
            double fpkmUq = q75 > 0 ? c * 1e9 / (len * q75) : 0;
            w.Text(gene.Id).Tab().Text(gene.Symbol).Tab().Text(gene.Type).Tab()
                .Number(c).Tab().Number(first[i]).Tab().Number(c - first[i]).Tab()
                .Number(tpm, "F4").Tab().Number(fpkm, "F4").Tab().Number(fpkmUq, "F4").NewLine();
        }
    }

    /// <summary>STAR summary rows consistent with the gene counts: every column accounts for the same uniquely mapped reads.</summary>
    internal static ReadSummary Summary(ulong seed, int patientIndex, long geneTotal, long firstTotal, long secondTotal)
    {
        var rng = Xoshiro256StarStar.ForStream(seed, StreamPurpose.Patient(patientIndex), StreamPurpose.ReadSummary);
        long noFeature = (long)(geneTotal * rng.NextDouble(0.03, 0.08));
        long ambiguous = (long)(geneTotal * rng.NextDouble(0.02, 0.05));
        long unique = geneTotal + noFeature + ambiguous;
        long unmapped = (long)(unique * rng.NextDouble(0.02, 0.08));
        long multi = (long)(unique * rng.NextDouble(0.04, 0.12));
        long ambFirst = (long)(ambiguous * rng.NextDouble(0.15, 0.30)), ambSecond = (long)(ambiguous * rng.NextDouble(0.15, 0.30));
        return new ReadSummary(unmapped, multi,
            [noFeature, unique - firstTotal - ambFirst, unique - secondTotal - ambSecond],
            [ambiguous, ambFirst, ambSecond]);
    }

    private static void SummaryRow(Utf8LineWriter w, string name, long a, long b, long c) =>
        w.Text(name).Tab().Tab().Tab().Number(a).Tab().Number(b).Tab().Number(c).Tab().Tab().Tab().NewLine();

    internal static double QuantileType7(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
