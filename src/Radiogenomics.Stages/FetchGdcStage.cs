using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>fetch.gdc</c>: tumour expression and clinical data of a GDC project (default TCGA-BRCA) from the NCI GDC
/// API: STAR-Counts files ("Gene Expression Quantification", workflow "STAR - Counts"), downloaded resumably and
/// checked against GDC's md5 and size into <c>directory</c> (gdc-client layout, kept across runs), then read as
/// <c>fetch.local</c> reads STAR-counts files; clinical data from the cases endpoint. The stage has no input
/// files, so it is cached until its parameters change: rerun with --force to pick up a new GDC release.
/// </summary>
public sealed class FetchGdcStage : TableStageKind<FetchGdcOptions>
{
    public override string Name => "fetch.gdc";
    public override int Version => 1;
    public override string Summary => "Downloads STAR-counts expression and clinical data of a GDC project (TCGA-BRCA) with md5 checks and resume.";

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("files", "each expression file: GDC file id, name, case, sample, md5, size, local path"),
        new("expression", "genes × patients: gene_id, gene_name, gene_type, then one column per patient (unstranded counts)"),
        new("expression_samples", "each sample and the patient it was matched to, kept or why not"),
        new("clinical", "patient_id, age, vital status, overall survival (event, days), ER, PR, HER2 (Positive, Negative, Equivocal, Indeterminate), AJCC pathologic T and N (t_stage, n_stage: T1c, N1a, NX, …)"),
        new("patients", "every patient with the data it has"),
    ];

    public override async Task RunAsync(StageContext context, FetchGdcOptions options, CancellationToken cancellationToken)
    {
        string project = options.Project;
        string directory = Path.GetFullPath(Path.Combine(context.WorkspaceRoot, options.Directory, project));
        using var client = new GdcClient(ArchiveOptions.Create(context, options.BaseUrl, options.RequestsPerSecond));

        context.Report(0.02, $"querying GDC for {project} STAR-counts files");
        var files = (await client.GetStarCountsFilesAsync(project, options.PrimaryTumorOnly, cancellationToken)).ToList();
        if (options.MaxFiles > 0) files = files.Take(options.MaxFiles).ToList();
        if (files.Count == 0)
            throw new DataProblemException(client.BaseAddress.ToString(), $"project {project}", "GDC lists no STAR-counts files", "check the project id (e.g. TCGA-BRCA)");

        var paths = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            var result = await client.DownloadFileAsync(files[i], directory, null, cancellationToken);
            paths.Add(result.Path);
            context.Report(0.05 + 0.8 * (i + 1) / files.Count, $"downloaded {i + 1}/{files.Count} files{(result.AlreadyPresent ? " (already present)" : "")}");
        }
        var sources = SourceFile.HashAll(context.WorkspaceRoot, paths, cancellationToken);

        // A GDC-format sample sheet from the search metadata, so the files are read exactly as a portal download.
        string sheetPath = Path.Combine(directory, "gdc_sample_sheet.tsv");
        using (var sheet = new StreamWriter(sheetPath))
        {
            sheet.WriteLine("File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type");
            foreach (var f in files)
                sheet.WriteLine(string.Join('\t', f.FileId, Path.GetFileName(sources[files.IndexOf(f)].FullPath), f.DataCategory, f.DataType, project,
                    string.Join(", ", f.Cases.Select(c => c.SubmitterId)), string.Join(", ", f.Cases.SelectMany(c => c.Samples).Select(s => s.SubmitterId)),
                    string.Join(", ", f.Cases.SelectMany(c => c.Samples).Select(s => s.SampleType))));
        }
        var sheetSource = SourceFile.HashAll(context.WorkspaceRoot, [sheetPath])[0];
        var (expression, samples) = ExpressionIngest.FromStarCounts(sources.ToDataFiles(), sheetSource.ToDataFile(), StarCountsColumn.Unstranded, options.PrimaryTumorOnly, BadRecordPolicy.Fail);

        context.Report(0.9, "querying clinical data");
        var cases = await client.GetClinicalCasesAsync(project, cancellationToken);
        var clinical = ClinicalTable(cases);

        var withExpression = expression.ColumnNames.Skip(3).ToHashSet(StringComparer.Ordinal);
        var withClinical = clinical.GetStrings("patient_id").Select(x => x!).ToHashSet(StringComparer.Ordinal);
        var all = withExpression.Union(withClinical).Order(StringComparer.Ordinal).ToList();
        ParquetFile.Write(new Table()
            .Add("file_id", files.Select(f => (string?)f.FileId).ToArray())
            .Add("file_name", files.Select(f => f.FileName).ToArray())
            .Add("case", files.Select(f => (string?)string.Join(", ", f.Cases.Select(c => c.SubmitterId))).ToArray())
            .Add("sample", files.Select(f => (string?)string.Join(", ", f.SampleSubmitterIds)).ToArray())
            .Add("md5", files.Select(f => f.Md5Sum).ToArray())
            .Add("size", files.Select(f => f.FileSize).ToArray())
            .Add("path", sources.Select(s => (string?)s.RelativePath).ToArray()), context.Output("files"));
        ParquetFile.Write(expression, context.Output("expression"));
        ParquetFile.Write(ExpressionSample.ToTable(samples), context.Output("expression_samples"));
        ParquetFile.Write(clinical, context.Output("clinical"));
        ParquetFile.Write(new Table()
            .Add("patient_id", all.Cast<string?>().ToArray())
            .Add("has_expression", all.Select(withExpression.Contains).ToArray())
            .Add("has_clinical", all.Select(withClinical.Contains).ToArray())
            .Add("matched", all.Select(x => withExpression.Contains(x) && withClinical.Contains(x)).ToArray()), context.Output("patients"));
        context.Record("files", files.Count);
        context.Record("patients_with_expression", withExpression.Count);
        context.Report(1.0, $"{withExpression.Count} patients with expression, {withClinical.Count} with clinical data");
    }

    private static Table ClinicalTable(IReadOnlyList<GdcCase> cases)
    {
        var rows = cases.Where(c => c.SubmitterId is not null).OrderBy(c => c.SubmitterId, StringComparer.Ordinal).ToList();
        var survival = rows.Select(c => c.GetOverallSurvival()).ToList();
        static string? Status(ReceptorStatus s) => s == ReceptorStatus.NotReported ? null : s.ToString();
        // AJCC pathologic T / N as GDC spells them (T1c, T2, TX; N0 (i-), N1a, NX); "not reported" and blanks are NA.
        static string? Stage(IEnumerable<string?> values) => values.Select(v => v?.Trim())
            .FirstOrDefault(v => !string.IsNullOrEmpty(v) && !v.Equals("not reported", StringComparison.OrdinalIgnoreCase) && !v.Equals("unknown", StringComparison.OrdinalIgnoreCase) && v != "--");
        return new Table()
            .Add("patient_id", rows.Select(c => c.SubmitterId).ToArray())
            .Add("age_years", rows.Select(c => c.Diagnoses.FirstOrDefault()?.AgeAtDiagnosis is { } days ? days / 365.25 : c.Demographic?.AgeAtIndex).ToArray())
            .Add("vital_status", rows.Select(c => c.Demographic?.VitalStatus).ToArray())
            .Add("os_event", survival.Select(s => s is null ? (bool?)null : s.Event).ToArray())
            .Add("os_days", survival.Select(s => s?.Days).ToArray())
            .Add("er", rows.Select(c => Status(c.EstrogenReceptor)).ToArray())
            .Add("pr", rows.Select(c => Status(c.ProgesteroneReceptor)).ToArray())
            .Add("her2", rows.Select(c => Status(c.Her2)).ToArray())
            .Add("t_stage", rows.Select(c => Stage(c.Diagnoses.Select(d => d.AjccPathologicT))).ToArray())
            .Add("n_stage", rows.Select(c => Stage(c.Diagnoses.Select(d => d.AjccPathologicN))).ToArray());
    }
}
