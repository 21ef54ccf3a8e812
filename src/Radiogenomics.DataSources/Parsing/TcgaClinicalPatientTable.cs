namespace Radiogenomics.DataSources;

/// <summary>
/// A TCGA BCR Biotab clinical patient file (e.g. <c>nationwidechildrens.org_clinical_patient_brca.txt</c>, GDC
/// data_type "Clinical Supplement"): tab-separated, a header row, then two descriptor rows (long names and
/// CDE ids) that are skipped, then one row per patient keyed by bcr_patient_barcode. This is where TCGA-BRCA's
/// ER/PR/HER2 IHC status lives; GDC's harmonised case fields do not carry it for most cases.
/// </summary>
public sealed record TcgaClinicalPatientTable(string Source, IReadOnlyList<TcgaClinicalPatient> Patients, IReadOnlyList<DataProblem> Problems)
{
    public static TcgaClinicalPatientTable Read(string path, BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        using var reader = TextFiles.OpenText(path);
        return Parse(reader, path, policy);
    }

    public static TcgaClinicalPatientTable Parse(TextReader reader, string sourceName = "<clinical-patient>", BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        var log = new ProblemLog(sourceName, policy);
        var patients = new List<TcgaClinicalPatient>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        string[]? header = null;
        var barcodeColumn = -1;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var cells = TextFiles.SplitTabs(line);
            if (header is null)
            {
                header = cells.Select(c => c.Trim().TrimStart('\uFEFF')).ToArray();
                barcodeColumn = Array.FindIndex(header, h => h.Equals("bcr_patient_barcode", StringComparison.OrdinalIgnoreCase));
                if (barcodeColumn < 0)
                {
                    log.Add(lineNumber, "header", "no bcr_patient_barcode column",
                        "this is not a Biotab clinical patient file (nationwidechildrens.org_clinical_patient_<project>.txt)");
                    break;
                }
                continue;
            }
            var key = barcodeColumn < cells.Length ? cells[barcodeColumn].Trim() : "";
            // Descriptor rows: the long-name row repeats "bcr_patient_barcode", the CDE row starts with "CDE_ID:".
            if (key.Equals("bcr_patient_barcode", StringComparison.OrdinalIgnoreCase) || key.StartsWith("CDE_ID", StringComparison.OrdinalIgnoreCase)) continue;

            if (!TcgaBarcode.TryParse(key, out var barcode, out var error))
            {
                log.Add(lineNumber, key.Length > 0 ? key : "bcr_patient_barcode", error, "bcr_patient_barcode must be a participant barcode such as TCGA-AO-A03M");
                continue;
            }
            var patient = barcode.PatientBarcode;
            if (firstLine.TryGetValue(patient, out var first))
            {
                log.Add(lineNumber, patient, $"patient listed again (first on line {first}); the first row is kept", "delete the repeated row");
                continue;
            }
            firstLine[patient] = lineNumber;
            if (cells.Length != header.Length)
                log.Add(lineNumber, patient, $"has {cells.Length} cells, the header has {header.Length}; missing cells read as empty", "download the file again");

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++) values.TryAdd(header[i], i < cells.Length ? cells[i].Trim() : "");
            ReceptorStatus Status(params string[] names) => ReceptorStatusText.Combine(
                names.Select(n => ReceptorStatusText.Parse(values.GetValueOrDefault(n))).OfType<ReceptorStatus>().Take(1));
            // HER2: IHC decides unless it is equivocal, then FISH decides.
            var her2Ihc = ReceptorStatusText.Parse(values.GetValueOrDefault("her2_status_by_ihc"));
            var her2 = her2Ihc is ReceptorStatus.Positive or ReceptorStatus.Negative
                ? her2Ihc.Value
                : ReceptorStatusText.Parse(values.GetValueOrDefault("her2_fish_status")) ?? her2Ihc ?? ReceptorStatus.NotReported;
            patients.Add(new TcgaClinicalPatient(patient, Status("er_status_by_ihc"), Status("pr_status_by_ihc"), her2, values, lineNumber));
        }
        if (header is null) log.Add(0, "header", "the file is empty", "download the file again");
        return new TcgaClinicalPatientTable(sourceName, patients, log.Complete());
    }
}
