namespace Radiogenomics.DataSources;

/// <summary>How <see cref="TciaClient"/> asks NBIA getImage for a series and what it keeps.</summary>
public sealed record TciaImageOptions
{
    /// <summary>NewFileNames=Yes: Data Retriever names (e.g. 1-001.dcm), whose leading number often separates
    /// the sub-volumes of multi-phase DCE series; otherwise 00000001.dcm in server order.</summary>
    public bool NewFileNames { get; init; } = true;

    /// <summary>IncludeMD5=yes: the server adds md5hashes.csv and every file is checked against it. Always sent
    /// explicitly, because the v4 server misbehaves when the parameter is absent.</summary>
    public bool IncludeMd5 { get; init; }

    /// <summary>Keep <c>&lt;uid&gt;.zip</c> after extracting it.</summary>
    public bool KeepZip { get; init; }
}
