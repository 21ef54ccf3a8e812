namespace Radiogenomics.DataSources;

/// <summary>One page of a GDC search.</summary>
/// <param name="Hits">The records on this page.</param>
/// <param name="Pagination">Where the page lies in the whole result.</param>
/// <param name="Warnings">GDC's <c>warnings</c> (e.g. a field name it does not know), which otherwise pass silently.</param>
public sealed record GdcPage<T>(IReadOnlyList<T> Hits, GdcPagination Pagination, IReadOnlyDictionary<string, string> Warnings);
