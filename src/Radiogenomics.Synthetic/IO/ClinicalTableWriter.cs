namespace Radiogenomics.Synthetic;

/// <summary>
/// Clinical and survival tables. The clinical columns use the names of the TCGA-BRCA 2012 clinical supplement that the
/// seed study's code reads (R turns "ER Status" into <c>ER.Status</c>, "Tumor--T1 Coded" into <c>Tumor..T1.Coded</c>);
/// the last column, "Null Label", is this cohort's own: a label independent of everything. Survival uses the UCSC Xena layout (sample, OS, _PATIENT, OS.time in days). Missing values are "NA".
/// </summary>
public static class ClinicalTableWriter
{
    public const string ClinicalHeader =
        "Complete TCGA ID\tGender\tAge at Initial Pathologic Diagnosis\tER Status\tPR Status\tHER2 Final Status\tTumor\tTumor--T1 Coded\tNode\tNode-Coded\t" + NullLabelColumn;

    /// <summary>The last clinical column: a label independent of everything (see <see cref="PatientRecord.NullLabel"/>), the null control of the classifiers.</summary>
    public const string NullLabelColumn = "Null Label";
    public const string SurvivalHeader = "sample\tOS\t_PATIENT\tOS.time";

    public static void WriteClinical(string path, IEnumerable<PatientRecord> patients)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine(ClinicalHeader);
        foreach (var p in patients)
        {
            var c = p.Clinical;
            writer.WriteLine(string.Join('\t', p.PatientId, "FEMALE", TsvFile.Format(c.AgeYears), TsvFile.Format(c.ErStatus), TsvFile.Format(c.PrStatus),
                TsvFile.Format(c.Her2Status), TsvFile.Format(c.TStage), TsvFile.Format(c.TStageT1Coded), TsvFile.Format(c.NStage), TsvFile.Format(c.NodeCoded), p.NullLabel));
        }
    }

    public static void WriteSurvival(string path, IEnumerable<PatientRecord> patients)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine(SurvivalHeader);
        foreach (var p in patients)
            writer.WriteLine($"{p.SampleId}\t{(p.Survival.Event ? 1 : 0)}\t{p.PatientId}\t{p.Survival.TimeDays}");
    }
}
