using System.Runtime.InteropServices;

namespace Radiogenomics.Tables;

/// <summary>Mirror of <c>duckdb_list_entry</c>: where a row's elements sit in the list's child vector.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ListEntry
{
    public ulong Offset;
    public ulong Length;
}
