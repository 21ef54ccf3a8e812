using System.Globalization;

namespace Radiogenomics.DataSources;

/// <summary>
/// A GDC STAR-counts file (<c>&lt;uuid&gt;.rna_seq.augmented_star_gene_counts.tsv</c>, GENCODE v36):
/// <code>
/// # gene-model: GENCODE v36
/// gene_id  gene_name  gene_type  unstranded  stranded_first  stranded_second  tpm_unstranded  fpkm_unstranded  fpkm_uq_unstranded
/// N_unmapped  …  (four STAR summary rows: kept as <see cref="Qc"/>, not genes)
/// ENSG00000000003.15  TSPAN6  protein_coding  1373  679  694  8.9376  …
/// </code>
/// Columns are found by header name. Bad cells (non-numeric, NaN, negative or fractional counts), malformed ids,
/// duplicate genes and ragged rows become <see cref="DataProblem"/>s handled by the caller's <see cref="BadRecordPolicy"/>.
/// </summary>
public sealed class StarCountsFile
{
    private static readonly (string Name, StarCountsColumn Column, bool IsCount)[] ValueColumns =
    [
        ("unstranded", StarCountsColumn.Unstranded, true),
        ("stranded_first", StarCountsColumn.StrandedFirst, true),
        ("stranded_second", StarCountsColumn.StrandedSecond, true),
        ("tpm_unstranded", StarCountsColumn.TpmUnstranded, false),
        ("fpkm_unstranded", StarCountsColumn.FpkmUnstranded, false),
        ("fpkm_uq_unstranded", StarCountsColumn.FpkmUqUnstranded, false),
    ];

    private const string RedownloadFix = "GDC STAR-counts files have a number in every gene cell; download the file again and check its md5sum against the GDC index";
    private readonly Dictionary<string, StarCountsGene> _byKey;

    private StarCountsFile(string source, string? geneModel, List<StarCountsGene> genes, List<StarCountsQcRow> qc,
        IReadOnlyList<DataProblem> problems, int parYDropped)
    {
        Source = source;
        GeneModel = geneModel;
        Genes = genes;
        Qc = qc;
        Problems = problems;
        ParYDropped = parYDropped;
        _byKey = genes.ToDictionary(g => g.GeneKey, StringComparer.Ordinal);
    }

    public string Source { get; }

    /// <summary>From the leading comment, e.g. "GENCODE v36"; null when the file has none.</summary>
    public string? GeneModel { get; }

    /// <summary>Gene rows in file order, one per <see cref="StarCountsGene.GeneKey"/>.</summary>
    public IReadOnlyList<StarCountsGene> Genes { get; }

    /// <summary>STAR's N_unmapped, N_multimapping, N_noFeature and N_ambiguous rows.</summary>
    public IReadOnlyList<StarCountsQcRow> Qc { get; }

    public IReadOnlyList<DataProblem> Problems { get; }

    /// <summary>_PAR_Y rows left out because <see cref="StarCountsOptions.DropParY"/> was set.</summary>
    public int ParYDropped { get; }

    public StarCountsQcRow? GetQc(string name) => Qc.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a gene by a versioned id or a key (<c>ENSG00000000003.15</c>, <c>ENSG00000000003</c>, <c>…_PAR_Y</c>).</summary>
    public bool TryGetGene(string geneId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StarCountsGene? gene)
    {
        gene = null;
        return EnsemblGeneId.TryParse(geneId, out var key, out _, out _) && _byKey.TryGetValue(key, out gene);
    }

    public static StarCountsFile Read(string path, StarCountsOptions? options = null)
    {
        using var reader = TextFiles.OpenText(path);
        return Parse(reader, path, options);
    }

    public static StarCountsFile Parse(TextReader reader, string sourceName = "<star-counts>", StarCountsOptions? options = null)
    {
        options ??= new StarCountsOptions();
        var log = new ProblemLog(sourceName, options.Policy);
        var genes = new List<StarCountsGene>(61_000);
        var qc = new List<StarCountsQcRow>(4);
        var firstLineOf = new Dictionary<string, long>(StringComparer.Ordinal);
        string? geneModel = null;
        Dictionary<string, int>? columns = null;
        int headerWidth = 0, idColumn = 0, nameColumn = -1, typeColumn = -1;
        var parYDropped = 0;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var comment = line.TrimStart('#').Trim();
                if (comment.StartsWith("gene-model:", StringComparison.OrdinalIgnoreCase)) geneModel = comment["gene-model:".Length..].Trim();
                continue;
            }
            var cells = TextFiles.SplitTabs(line);
            if (columns is null)
            {
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < cells.Length; i++) columns.TryAdd(cells[i].Trim(), i);
                var missing = new[] { "gene_id", "unstranded" }.Where(c => !columns.ContainsKey(c)).ToArray();
                if (missing.Length > 0)
                {
                    log.Add(lineNumber, "header", $"missing column(s) {string.Join(", ", missing)}; the header reads '{line.Trim()}'",
                        "this is not a GDC STAR-counts file (*.rna_seq.augmented_star_gene_counts.tsv); check the file type or download it again");
                    break;
                }
                headerWidth = cells.Length;
                idColumn = columns["gene_id"];
                nameColumn = columns.GetValueOrDefault("gene_name", -1);
                typeColumn = columns.GetValueOrDefault("gene_type", -1);
                continue;
            }

            var id = cells[idColumn < cells.Length ? idColumn : 0].Trim();
            if (cells.Length != headerWidth)
            {
                log.Add(lineNumber, id, $"has {cells.Length} tab-separated cells, the header has {headerWidth}",
                    "the file is damaged or was re-saved with other separators; download it again");
                continue;
            }

            if (id.StartsWith("N_", StringComparison.Ordinal))
            {
                var counts = new double[3];
                var qcBad = false;
                for (var k = 0; k < 3; k++)
                    qcBad |= !ReadCell(cells, columns, ValueColumns[k], id, lineNumber, log, out counts[k]);
                if (!qcBad || options.Policy != BadRecordPolicy.Skip)
                    qc.Add(new StarCountsQcRow(id, counts[0], counts[1], counts[2], lineNumber));
                continue;
            }

            if (!EnsemblGeneId.TryParse(id, out var key, out _, out var idError))
            {
                log.Add(lineNumber, id.Length > 0 ? id : "gene_id", idError, "gene ids in GDC files are versioned Ensembl ids; check the file type or download it again");
                continue;
            }
            if (options.DropParY && EnsemblGeneId.IsParY(id))
            {
                parYDropped++;
                continue;
            }
            if (firstLineOf.TryGetValue(key, out var first))
            {
                log.Add(lineNumber, id, $"gene {key} appears again (first on line {first}); the first row is kept",
                    "each gene must appear once; download the file again (a merged or edited file?)");
                continue;
            }
            firstLineOf[key] = lineNumber;

            var values = new double[ValueColumns.Length];
            var bad = false;
            for (var k = 0; k < ValueColumns.Length; k++)
                bad |= !ReadCell(cells, columns, ValueColumns[k], id, lineNumber, log, out values[k]);
            if (bad && options.Policy == BadRecordPolicy.Skip) continue;
            genes.Add(new StarCountsGene(id, key,
                nameColumn >= 0 ? cells[nameColumn].Trim() : "",
                typeColumn >= 0 ? cells[typeColumn].Trim() : "",
                values[0], values[1], values[2], values[3], values[4], values[5], lineNumber));
        }

        if (columns is null)
            log.Add(0, "header", "the file has no header line", "this is not a GDC STAR-counts file; check the file type or download it again");
        else if (genes.Count == 0 && log.Count == 0 && parYDropped == 0)
            log.Add(0, "genes", "the file has a header but no gene rows", "the download was cut short; download it again");
        return new StarCountsFile(sourceName, geneModel, genes, qc, log.Complete(), parYDropped);
    }

    /// <summary>Reads one value cell; on a problem logs it, sets NaN and returns false. Absent optional columns read as NaN silently.</summary>
    private static bool ReadCell(string[] cells, Dictionary<string, int> columns, (string Name, StarCountsColumn Column, bool IsCount) spec,
        string id, long line, ProblemLog log, out double value)
    {
        value = double.NaN;
        if (!columns.TryGetValue(spec.Name, out var index)) return true;
        var text = cells[index].Trim();
        string? reason = null;
        var fix = RedownloadFix;
        if (text.Length == 0) reason = "empty cell";
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) reason = $"'{text}' is not a number";
        else if (double.IsNaN(parsed)) reason = "NaN where a number is required";
        else if (double.IsInfinity(parsed)) reason = $"'{text}' is infinite";
        else if (parsed < 0)
        {
            reason = $"negative {(spec.IsCount ? "read count" : "value")} {text}";
            fix = "counts, TPM and FPKM cannot be negative; the file was altered after GDC produced it — download it again";
        }
        else if (spec.IsCount && parsed != Math.Floor(parsed))
        {
            reason = $"read count {text} is not a whole number";
            fix = "this column holds raw read counts; a fractional value means the file is not STAR output — check the file type";
        }
        else value = parsed;

        if (reason is null) return true;
        log.Add(line, $"{id} {spec.Name}", reason, fix);
        return false;
    }
}
