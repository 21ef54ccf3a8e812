namespace Radiogenomics.DataSources;

/// <summary>One patient of a TCGA BCR Biotab clinical patient file, with receptor status read from
/// er_status_by_ihc, pr_status_by_ihc and her2_status_by_ihc (HER2 by FISH where IHC was equivocal).</summary>
/// <param name="Values">Every column of the row by header name, as written.</param>
public sealed record TcgaClinicalPatient(
    string PatientBarcode,
    ReceptorStatus EstrogenReceptor,
    ReceptorStatus ProgesteroneReceptor,
    ReceptorStatus Her2,
    IReadOnlyDictionary<string, string> Values,
    long Line);
