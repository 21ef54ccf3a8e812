namespace Radiogenomics.Synthetic;

/// <summary>
/// Writes a cohort's non-DICOM files in a fixed layout under one folder:
/// <code>
/// expression/gdc/&lt;file uuid&gt;/&lt;file uuid&gt;.rna_seq.augmented_star_gene_counts.tsv   (gdc-client download layout)
/// expression/gdc_sample_sheet.tsv
/// expression/counts_unstranded.tsv        genes × samples
/// expression/genes.tsv
/// genesets/pathways.gmt
/// genesets/signatures.tsv
/// clinical/clinical.tsv
/// clinical/survival.tsv
/// truth/truth.tsv
/// truth/patients.tsv
/// </code>
/// </summary>
public static class CohortFileWriter
{
    /// <summary>Writes every non-imaging file; returns the paths written. STAR files are written in parallel.</summary>
    public static IReadOnlyList<string> WriteNonImaging(SyntheticCohort cohort, string directory, int? maxDegreeOfParallelism = null)
    {
        var written = new List<string>();
        string P(params string[] parts) { var path = Path.Combine([directory, .. parts]); written.Add(path); return path; }

        var starPaths = cohort.Patients.Select(p => P("expression", "gdc", p.CountsFileUuid, StarCountsWriter.FileName(p))).ToArray();
        Parallel.For(0, starPaths.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount },
            i => StarCountsWriter.Write(starPaths[i], cohort, i));
        GdcSampleSheetWriter.Write(P("expression", "gdc_sample_sheet.tsv"), cohort);
        ExpressionTableWriter.WriteCountMatrix(P("expression", "counts_unstranded.tsv"), cohort);
        ExpressionTableWriter.WriteGeneTable(P("expression", "genes.tsv"), cohort);
        GeneSetWriter.WriteGmt(P("genesets", "pathways.gmt"), cohort.GeneSets);
        GeneSetWriter.WriteSignatures(P("genesets", "signatures.tsv"), cohort.Signatures, cohort.Genes);
        ClinicalTableWriter.WriteClinical(P("clinical", "clinical.tsv"), cohort.Patients);
        ClinicalTableWriter.WriteSurvival(P("clinical", "survival.tsv"), cohort.Patients);
        TruthTableWriter.WriteTruth(P("truth", "truth.tsv"), cohort.Truth);
        TruthTableWriter.WritePatientTruth(P("truth", "patients.tsv"), cohort.Patients);
        return written;
    }
}
