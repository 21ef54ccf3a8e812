using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace Radiogenomics.Tables;

/// <summary>
/// Moves one column of one row group between a <see cref="Column"/>'s storage and Parquet.Net, column-wise and
/// typed: fixed-width values go over as one span with their definition levels (1 = value, 0 = null), strings
/// as they are, float lists as their flattened elements with definition and repetition levels.
/// </summary>
internal static class ParquetColumnCodec
{
    public static Task WriteAsync(ParquetRowGroupWriter group, Field field, ColumnType type, Array values, bool[]? nulls, int start, int count, int[] ones) => type switch
    {
        ColumnType.Double => WriteFixedAsync(group, (DataField)field, (double[])values, nulls, start, count, ones),
        ColumnType.Float => WriteFixedAsync(group, (DataField)field, (float[])values, nulls, start, count, ones),
        ColumnType.Int32 => WriteFixedAsync(group, (DataField)field, (int[])values, nulls, start, count, ones),
        ColumnType.Int64 => WriteFixedAsync(group, (DataField)field, (long[])values, nulls, start, count, ones),
        ColumnType.Bool => WriteFixedAsync(group, (DataField)field, (bool[])values, nulls, start, count, ones),
        ColumnType.String => group.WriteAsync((DataField)field, new ArraySegment<string>((string[])values, start, count), null),
        ColumnType.FloatArray => WriteFloatListsAsync(group, (ListField)field, (float[]?[])values, start, count),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
    };

    private static Task WriteFixedAsync<T>(ParquetRowGroupWriter group, DataField field, T[] values, bool[]? nulls, int start, int count, int[] ones)
        where T : struct
    {
        if (nulls is null || !nulls.AsSpan(start, count).Contains(true))
            return group.WriteAllPartsAsync<T>(field, values.AsMemory(start, count), ones.AsMemory(0, count), null, default);
        // Parquet stores only the defined values; the definition levels say which rows they belong to.
        var levels = new int[count];
        var defined = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            if (nulls[start + i]) continue;
            levels[i] = 1;
            defined.Add(values[start + i]);
        }
        return group.WriteAllPartsAsync<T>(field, defined.ToArray(), levels, null, default);
    }

    /// <summary>Levels of an optional list of required elements: 0 = null row, 1 = empty list, 2 = an element.</summary>
    private static Task WriteFloatListsAsync(ParquetRowGroupWriter group, ListField field, float[]?[] rows, int start, int count)
    {
        long elements = 0, levels = 0;
        for (var i = 0; i < count; i++)
        {
            var length = rows[start + i]?.Length ?? 0;
            elements += length;
            levels += Math.Max(1, length);
        }
        var values = new float[checked((int)elements)];
        var definitions = new int[checked((int)levels)];
        var repetitions = new int[levels];
        int at = 0, level = 0;
        for (var i = 0; i < count; i++)
        {
            var row = rows[start + i];
            if (row is null || row.Length == 0)
            {
                definitions[level++] = row is null ? 0 : 1;
                continue;
            }
            row.CopyTo(values, at);
            at += row.Length;
            for (var e = 0; e < row.Length; e++)
            {
                definitions[level] = 2;
                repetitions[level++] = e == 0 ? 0 : 1;
            }
        }
        return group.WriteAllPartsAsync<float>((DataField)field.Item, values, definitions, repetitions, default);
    }

    /// <summary>Reads <paramref name="rows"/> rows of a column into <paramref name="values"/> at <paramref name="offset"/>, marking nulls.</summary>
    public static async Task ReadAsync(ParquetRowGroupReader group, Field field, ColumnType type, Array values, bool[] nulls, int offset, int rows)
    {
        switch (type)
        {
            case ColumnType.Double: await ReadFixedAsync(group, (DataField)field, (double[])values, nulls, offset, rows); break;
            case ColumnType.Float: await ReadFixedAsync(group, (DataField)field, (float[])values, nulls, offset, rows); break;
            case ColumnType.Int32: await ReadFixedAsync(group, (DataField)field, (int[])values, nulls, offset, rows); break;
            case ColumnType.Int64: await ReadFixedAsync(group, (DataField)field, (long[])values, nulls, offset, rows); break;
            case ColumnType.Bool: await ReadFixedAsync(group, (DataField)field, (bool[])values, nulls, offset, rows); break;
            case ColumnType.String: await ReadStringsAsync(group, (DataField)field, (string?[])values, nulls, offset, rows); break;
            case ColumnType.FloatArray: await ReadFloatListsAsync(group, (ListField)field, (float[]?[])values, nulls, offset, rows); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type.");
        }
    }

    private static async Task ReadFixedAsync<T>(ParquetRowGroupReader group, DataField field, T[] values, bool[] nulls, int offset, int rows)
        where T : struct
    {
        if (field.MaxDefinitionLevel == 0)
        {
            await group.ReadRawAsync<T>(field, values.AsMemory(offset, rows), null, null, default);
            return;
        }
        // Pooled: a fresh level array per column and row group would be a large-object allocation each time.
        var levels = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            await group.ReadRawAsync<T>(field, values.AsMemory(offset, rows), levels.AsMemory(0, rows), null, default);
            // The defined values arrive packed at the front; spread them out to their rows from the back.
            var defined = rows - levels.AsSpan(0, rows).Count(0) - CountOther(levels.AsSpan(0, rows), field.MaxDefinitionLevel);
            if (defined == rows) return;
            var span = values.AsSpan(offset, rows);
            for (int i = rows - 1, j = defined - 1; i >= 0; i--)
            {
                if (levels[i] == field.MaxDefinitionLevel) span[i] = span[j--];
                else
                {
                    span[i] = default;
                    nulls[offset + i] = true;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>Levels other than 0 and the maximum (none for flat columns, whose levels are 0 or 1).</summary>
    private static int CountOther(ReadOnlySpan<int> levels, int max)
    {
        if (max == 1) return 0;
        var count = 0;
        foreach (var level in levels) if (level != 0 && level != max) count++;
        return count;
    }

    /// <summary>
    /// Strings arrive as slices of decoded buffers. Most stage-table strings are categorical (ids, feature and
    /// gene-set names, written dictionary-encoded, where every row of one dictionary entry gets the same slice),
    /// so rows with the same slice, or failing that the same text, share one string instead of one per row.
    /// </summary>
    private static async Task ReadStringsAsync(ParquetRowGroupReader group, DataField field, string?[] values, bool[] nulls, int offset, int rows)
    {
        const int MaxShared = 1 << 16; // bounds the text cache for columns of unique strings
        const int SliceSlots = 1 << 12;
        var slices = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(rows);
        var levels = field.MaxDefinitionLevel == 0 ? null : ArrayPool<int>.Shared.Rent(rows);
        try
        {
            await group.ReadRawAsync<ReadOnlyMemory<char>>(field, slices.AsMemory(0, rows), levels?.AsMemory(0, rows), null, default);
            var slots = new (char[]? Array, int Offset, int Length, string Value)[SliceSlots];
            var byText = new Dictionary<string, string>();
            var textLookup = byText.GetAlternateLookup<ReadOnlySpan<char>>();
            for (int i = 0, j = 0; i < rows; i++)
            {
                if (levels is not null && levels[i] != field.MaxDefinitionLevel)
                {
                    nulls[offset + i] = true;
                    continue;
                }
                var slice = slices[j++];
                ref var slot = ref slots[0];
                if (MemoryMarshal.TryGetArray(slice, out var segment))
                {
                    slot = ref slots[(RuntimeHelpers.GetHashCode(segment.Array) ^ segment.Offset * 31) & (SliceSlots - 1)];
                    if (ReferenceEquals(slot.Array, segment.Array) && slot.Offset == segment.Offset && slot.Length == segment.Count)
                    {
                        values[offset + i] = slot.Value;
                        continue;
                    }
                }
                if (!textLookup.TryGetValue(slice.Span, out var value))
                {
                    value = new string(slice.Span);
                    if (byText.Count < MaxShared) byText.Add(value, value);
                }
                if (segment.Array is not null) slot = (segment.Array, segment.Offset, segment.Count, value);
                values[offset + i] = value;
            }
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(slices, clearArray: true);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
        }
    }

    private static async Task ReadFloatListsAsync(ParquetRowGroupReader group, ListField field, float[]?[] values, bool[] nulls, int offset, int rows)
    {
        var item = (DataField)field.Item;
        // With a nullable element (as DuckDB writes lists) one level below the maximum is a null element.
        var elementLevel = item.MaxDefinitionLevel;
        var presentLevel = item.IsNullable ? elementLevel - 1 : elementLevel;
        var emptyLevel = presentLevel - 1;
        using var raw = await group.ReadRawColumnDataBaseAsync(item, default);
        var elements = ((RawColumnData<float>)raw).Values;
        var definitions = raw.DefinitionLevels;
        var repetitions = raw.RepetitionLevels;
        int row = -1, at = 0;
        var current = new List<float>();
        for (var l = 0; l < definitions.Length; l++)
        {
            if (repetitions[l] == 0)
            {
                Finish();
                row++;
                current.Clear();
                if (definitions[l] < emptyLevel) { nulls[offset + row] = true; continue; }
            }
            if (definitions[l] == elementLevel) current.Add(elements[at++]);
            else if (definitions[l] >= presentLevel)
                throw new NotSupportedException(
                    $"Column '{field.Name}' row {offset + row} has a null element inside its float list; " +
                    "FloatArray rows can be null, but their elements cannot.");
        }
        Finish();
        if (row + 1 != rows)
            throw new InvalidDataException($"Column '{field.Name}' has {row + 1} lists in a row group of {rows} rows.");

        void Finish()
        {
            if (row >= 0 && !nulls[offset + row]) values[offset + row] = current.ToArray();
        }
    }
}
