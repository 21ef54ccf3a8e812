using System.Runtime.InteropServices;

namespace Radiogenomics.Tables;

/// <summary>
/// P/Invoke declarations for the subset of DuckDB's C API (duckdb.h, 1.5.x) that this library uses.
/// Handles (database, connection, appender, data chunk, vector, logical type, config, error data) are
/// opaque pointers, so they are plain <see cref="IntPtr"/>s here; only <c>duckdb_result</c> has a layout we mirror.
/// All strings cross the boundary as UTF-8.
/// </summary>
internal static unsafe partial class DuckDbNative
{
    /// <summary>Logical library name; <see cref="DuckDbLibrary"/> maps it to the real file.</summary>
    internal const string LibraryName = "duckdb";

    internal const int Success = 0;

    // The resolver must be registered before the runtime binds the first import of this assembly;
    // a static constructor runs before any member of this class is touched, which is exactly that moment.
    static DuckDbNative() => DuckDbLibrary.EnsureResolverRegistered();

    // ---- library ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_library_version")]
    internal static partial IntPtr LibraryVersion();

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_size")]
    internal static partial ulong VectorSize();

    [LibraryImport(LibraryName, EntryPoint = "duckdb_free")]
    internal static partial void Free(IntPtr pointer);

    // ---- configuration, database, connection ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_config")]
    internal static partial int CreateConfig(out IntPtr config);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetConfig(IntPtr config, string name, string option);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref IntPtr config);

    /// <param name="path">Database file, or null for an in-memory database.</param>
    /// <param name="error">On failure, a message that must be released with <see cref="Free"/>.</param>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenExt(string? path, out IntPtr database, IntPtr config, out IntPtr error);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref IntPtr database);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_connect")]
    internal static partial int Connect(IntPtr database, out IntPtr connection);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref IntPtr connection);

    // ---- queries and results ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_query", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Query(IntPtr connection, string sql, DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_result_error")]
    internal static partial IntPtr ResultError(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(DuckDbResult* result);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_name")]
    internal static partial IntPtr ColumnName(DuckDbResult* result, ulong column);

    /// <summary>Returns a logical type that must be released with <see cref="DestroyLogicalType"/>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_column_logical_type")]
    internal static partial IntPtr ColumnLogicalType(DuckDbResult* result, ulong column);

    /// <summary>Next chunk of a result, or zero when exhausted. Note the result is passed by value, as in duckdb.h.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial IntPtr FetchChunk(DuckDbResult result);

    // ---- logical types ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_logical_type")]
    internal static partial IntPtr CreateLogicalType(DuckDbType type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_list_type")]
    internal static partial IntPtr CreateListType(IntPtr childType);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_get_type_id")]
    internal static partial DuckDbType GetTypeId(IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_list_type_child_type")]
    internal static partial IntPtr ListTypeChildType(IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_array_type_child_type")]
    internal static partial IntPtr ArrayTypeChildType(IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_array_type_array_size")]
    internal static partial ulong ArrayTypeArraySize(IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(IntPtr type);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial DuckDbType DecimalInternalType(IntPtr type);

    // ---- data chunks and vectors ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_create_data_chunk")]
    internal static partial IntPtr CreateDataChunk(IntPtr* types, ulong columnCount);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_reset")]
    internal static partial void DataChunkReset(IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_size")]
    internal static partial ulong DataChunkGetSize(IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_set_size")]
    internal static partial void DataChunkSetSize(IntPtr chunk, ulong size);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_data_chunk_get_vector")]
    internal static partial IntPtr DataChunkGetVector(IntPtr chunk, ulong column);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_data")]
    internal static partial void* VectorGetData(IntPtr vector);

    /// <summary>Validity bitmask (bit set = valid), or null when every row is valid.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_get_validity")]
    internal static partial ulong* VectorGetValidity(IntPtr vector);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_ensure_validity_writable")]
    internal static partial void VectorEnsureValidityWritable(IntPtr vector);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_vector_assign_string_element_len")]
    internal static partial void VectorAssignStringElementLen(IntPtr vector, ulong index, byte* utf8, ulong length);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_list_vector_get_child")]
    internal static partial IntPtr ListVectorGetChild(IntPtr vector);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_list_vector_get_size")]
    internal static partial ulong ListVectorGetSize(IntPtr vector);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_list_vector_set_size")]
    internal static partial int ListVectorSetSize(IntPtr vector, ulong size);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_list_vector_reserve")]
    internal static partial int ListVectorReserve(IntPtr vector, ulong requiredCapacity);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_array_vector_get_child")]
    internal static partial IntPtr ArrayVectorGetChild(IntPtr vector);

    // ---- appender ----

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int AppenderCreate(IntPtr connection, string? schema, string table, out IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_append_data_chunk")]
    internal static partial int AppendDataChunk(IntPtr appender, IntPtr chunk);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_flush")]
    internal static partial int AppenderFlush(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_close")]
    internal static partial int AppenderClose(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_destroy")]
    internal static partial int AppenderDestroy(ref IntPtr appender);

    /// <summary>Error of the appender's last failed call; release with <see cref="DestroyErrorData"/>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "duckdb_appender_error_data")]
    internal static partial IntPtr AppenderErrorData(IntPtr appender);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_error_data_message")]
    internal static partial IntPtr ErrorDataMessage(IntPtr errorData);

    [LibraryImport(LibraryName, EntryPoint = "duckdb_destroy_error_data")]
    internal static partial void DestroyErrorData(ref IntPtr errorData);

    /// <summary>Copies a NUL-terminated UTF-8 string owned by DuckDB; null stays null.</summary>
    internal static string? Utf8(IntPtr text) => Marshal.PtrToStringUTF8(text);
}
