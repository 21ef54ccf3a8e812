namespace Radiogenomics.DataSources;

/// <summary>GDC's <c>data.pagination</c>: <see cref="Total"/> hits in all, <see cref="Count"/> on this page, starting at <see cref="From"/>.</summary>
public sealed record GdcPagination(int Count, int Total, int Size, int From, int Page, int Pages);
