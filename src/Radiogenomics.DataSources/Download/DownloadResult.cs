namespace Radiogenomics.DataSources;

/// <summary>A finished, verified download.</summary>
/// <param name="Path">The final file.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Md5">Its MD5 as lower-case hex (computed while downloading, or when checking a file already present).</param>
/// <param name="Attempts">HTTP tries the body took (0 when the file was already present and valid).</param>
/// <param name="ResumedBytes">Bytes already in the partial file (from earlier tries or an earlier run) when the try that finished began, i.e. not fetched again; 0 when the file came in one piece.</param>
/// <param name="AlreadyPresent">The file existed and passed verification; nothing was fetched.</param>
public sealed record DownloadResult(string Path, long Bytes, string Md5, int Attempts, long ResumedBytes, bool AlreadyPresent);
