namespace Radiogenomics.DataSources;

/// <summary>
/// The GDC portal's sample sheet (<c>gdc_sample_sheet.&lt;date&gt;.tsv</c>): File ID, File Name, Data Category,
/// Data Type, Project ID, Case ID, Sample ID, Sample Type. Columns are found by name; Sample Type may be absent
/// (newer portal sheets replace it with Tissue Type etc.), in which case it is derived from the sample barcode.
/// For TCGA projects barcodes are validated and normalised, and each sample must belong to its case.
/// </summary>
public sealed record GdcSampleSheet(string Source, IReadOnlyList<GdcSampleSheetRow> Rows, IReadOnlyList<DataProblem> Problems)
{
    private static readonly string[] Required = ["File ID", "File Name", "Case ID", "Sample ID"];

    public static GdcSampleSheet Read(string path, BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        using var reader = TextFiles.OpenText(path);
        return Parse(reader, path, policy);
    }

    public static GdcSampleSheet Parse(TextReader reader, string sourceName = "<sample-sheet>", BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        var log = new ProblemLog(sourceName, policy);
        var rows = new List<GdcSampleSheetRow>();
        var fileIdLine = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, int>? columns = null;
        var width = 0;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var cells = TextFiles.SplitTabs(line);
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < cells.Length; i++) columns.TryAdd(cells[i].Trim().TrimStart('\uFEFF'), i);
                var missing = Required.Where(c => !columns.ContainsKey(c)).ToArray();
                if (missing.Length > 0)
                {
                    log.Add(lineNumber, "header", $"missing column(s) {string.Join(", ", missing)}",
                        "download the sample sheet again from the GDC portal cart (\"Sample Sheet\" button); it is tab-separated");
                    break;
                }
                width = cells.Length;
                continue;
            }
            if (cells.Length < width)
                cells = [.. cells, .. Enumerable.Repeat("", width - cells.Length)]; // trailing empty cells are often trimmed by editors

            string Cell(string name) => columns.TryGetValue(name, out var i) && i < cells.Length ? cells[i].Trim() : "";

            var fileId = Cell("File ID");
            var record = fileId.Length > 0 ? fileId : $"line {lineNumber}";
            if (!Guid.TryParseExact(fileId, "D", out _))
            {
                log.Add(lineNumber, record, $"File ID '{fileId}' is not a UUID", "the first column must be the GDC file UUID; use the sheet as the portal wrote it");
                continue;
            }
            if (fileIdLine.TryGetValue(fileId, out var first))
            {
                log.Add(lineNumber, record, $"file listed again (first on line {first})", "delete the repeated row");
                continue;
            }
            fileIdLine[fileId] = lineNumber;

            var project = NullIfEmpty(Cell("Project ID"));
            var caseIds = SplitList(Cell("Case ID"));
            var sampleIds = SplitList(Cell("Sample ID"));
            var sampleTypes = SplitList(Cell("Sample Type"));
            var ok = true;
            if (caseIds.Length == 0 || sampleIds.Length == 0)
            {
                log.Add(lineNumber, record, "Case ID or Sample ID is empty", "every file in a sample sheet names its case and sample; download the sheet again");
                continue;
            }

            var isTcga = project?.StartsWith("TCGA", StringComparison.OrdinalIgnoreCase) ?? caseIds[0].StartsWith("TCGA", StringComparison.OrdinalIgnoreCase);
            if (isTcga)
            {
                var derivedTypes = new List<string>();
                for (var i = 0; i < sampleIds.Length; i++)
                {
                    if (!TcgaBarcode.TryParse(sampleIds[i], out var sample, out var error) || sample.SampleTypeCode is null)
                    {
                        log.Add(lineNumber, record, sample is null ? error : $"Sample ID '{sampleIds[i]}' has no sample type code",
                            "Sample ID must be a TCGA sample barcode such as TCGA-AO-A03M-01A");
                        ok = false;
                        continue;
                    }
                    sampleIds[i] = sample.ToString();
                    derivedTypes.Add(sample.SampleTypeName!);
                    var caseId = i < caseIds.Length ? caseIds[i] : caseIds[0];
                    if (!TcgaBarcode.TryParse(caseId, out var patient, out var caseError))
                    {
                        log.Add(lineNumber, record, caseError, "Case ID must be a TCGA participant barcode such as TCGA-AO-A03M");
                        ok = false;
                        continue;
                    }
                    if (patient.PatientBarcode != sample.PatientBarcode)
                    {
                        log.Add(lineNumber, record, $"sample {sample} does not belong to case {patient.PatientBarcode}",
                            "the Case ID and Sample ID columns disagree; the sheet was edited — download it again");
                        ok = false;
                    }
                }
                for (var i = 0; i < caseIds.Length; i++)
                    if (TcgaBarcode.TryParse(caseIds[i], out var c, out _)) caseIds[i] = c.PatientBarcode;
                if (sampleTypes.Length == 0) sampleTypes = derivedTypes.ToArray();
            }
            if (!ok && policy != BadRecordPolicy.KeepAsMissing) continue;

            rows.Add(new GdcSampleSheetRow(fileId.ToLowerInvariant(), Cell("File Name"), NullIfEmpty(Cell("Data Category")), NullIfEmpty(Cell("Data Type")),
                project, caseIds, sampleIds, sampleTypes, lineNumber));
        }
        if (columns is null) log.Add(0, "header", "the file is empty", "download the sample sheet again from the GDC portal");
        return new GdcSampleSheet(sourceName, rows, log.Complete());
    }

    private static string[] SplitList(string cell) =>
        cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
