using System.Runtime.InteropServices;

namespace Radiogenomics.Tables;

/// <summary>
/// Mirror of <c>duckdb_result</c> from duckdb.h (48 bytes on 64-bit). DuckDB allocates the contents;
/// we only own the struct's storage, so the fields must line up exactly with the C declaration.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResult
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}
