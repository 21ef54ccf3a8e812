using Radiogenomics.DataSources;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>fetch.tcia</c>: MRI series of a TCIA collection (default TCGA-BRCA, modality MR) through the NBIA REST API
/// v4 — the series listed by getSeries, or those of a <c>.tcia</c> manifest — downloaded as getImage zips,
/// extracted zip-slip-safely (the LICENSE entry kept beside each series) into <c>directory</c> (kept across runs),
/// then indexed as <c>fetch.local</c> indexes a DICOM tree.
/// </summary>
public sealed class FetchTciaStage : TableStageKind<FetchTciaOptions>
{
    public override string Name => "fetch.tcia";
    public override int Version => 1;
    public override string Summary => "Downloads MRI series of a TCIA collection (TCGA-BRCA) or a .tcia manifest and indexes them.";

    public override IReadOnlyList<InputSlotSpec> Inputs => [new("manifest", "a .tcia manifest from the TCIA portal; when given, exactly its series are fetched", Required: false)];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("downloads", "each series: UID, patient, folder, file count, licence file, whether it was already present"),
        new("dicom_series", "one row per DICOM series (as fetch.local)"),
        new("dicom_instances", "one row per DICOM file: path, SHA-256, UIDs, temporal position, slice position"),
        new("errors", "bad DICOM files: file, record, reason, fix, action"),
    ];

    public override async Task RunAsync(StageContext context, FetchTciaOptions options, CancellationToken cancellationToken)
    {
        string directory = Path.GetFullPath(Path.Combine(context.WorkspaceRoot, options.Directory, options.Collection));
        using var client = new TciaClient(ArchiveOptions.Create(context, options.BaseUrl, options.RequestsPerSecond));

        var series = new List<(string Uid, string? Patient)>();
        if (context.InputFiles("manifest").FirstOrDefault() is { } manifestFile)
        {
            var manifest = TciaManifest.Read(manifestFile.FullPath);
            series.AddRange(manifest.SeriesInstanceUids.Select(uid => (uid, (string?)null)));
        }
        else
        {
            var patients = options.Patients;
            foreach (var patient in patients.Count > 0 ? patients.Cast<string?>() : [null])
            {
                var found = await client.GetSeriesAsync(new TciaSeriesQuery { Collection = options.Collection, Modality = options.Modality, PatientId = patient }, cancellationToken);
                series.AddRange(found.Select(s => (s.SeriesInstanceUid, s.PatientId)));
            }
        }
        series = series.DistinctBy(s => s.Uid).OrderBy(s => s.Uid, StringComparer.Ordinal).ToList();
        if (options.MaxSeries > 0) series = series.Take(options.MaxSeries).ToList();
        if (series.Count == 0)
            throw new DataProblemException(client.BaseAddress.ToString(), $"collection {options.Collection}", "no series matched", "check the collection, modality and patient ids");

        var downloads = new List<TciaSeriesDownload>();
        for (int i = 0; i < series.Count; i++)
        {
            downloads.Add(await client.DownloadSeriesAsync(series[i].Uid, directory, null, null, cancellationToken));
            context.Report(0.05 + 0.75 * (i + 1) / series.Count, $"fetched {i + 1}/{series.Count} series");
        }

        context.Report(0.85, "hashing and indexing");
        var files = downloads.SelectMany(d => d.Files).ToList();
        var sources = SourceFile.HashAll(context.WorkspaceRoot, files, cancellationToken);
        var problems = new ProblemTable();
        var (index, instances, errors) = DicomIndexTables.Build(sources, context.WorkspaceRoot, problems, cancellationToken, context.Warn);
        if (errors > 0 && options.OnError == OnError.Fail)
            throw problems.FirstError($"{errors} DICOM error(s) in all");

        ParquetFile.Write(new Table()
            .Add("series_uid", downloads.Select(d => (string?)d.SeriesInstanceUid).ToArray())
            .Add("patient_id", series.Select(s => s.Patient).ToArray())
            .Add("folder", downloads.Select(d => (string?)Path.GetRelativePath(context.WorkspaceRoot, d.Directory)).ToArray())
            .Add("files", downloads.Select(d => d.Files.Count).ToArray())
            .Add("license", downloads.Select(d => d.LicensePath is null ? null : (string?)Path.GetRelativePath(context.WorkspaceRoot, d.LicensePath)).ToArray())
            .Add("already_present", downloads.Select(d => d.AlreadyPresent).ToArray()), context.Output("downloads"));
        ParquetFile.Write(index, context.Output("dicom_series"));
        ParquetFile.Write(instances, context.Output("dicom_instances"));
        ParquetFile.Write(problems.ToTable(), context.Output("errors"));
        context.Record("series", series.Count);
        context.Record("dicom_files", instances.RowCount);
        context.Report(1.0, $"{series.Count} series, {instances.RowCount} DICOM files");
    }
}
