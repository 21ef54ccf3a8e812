using Xunit;

namespace Radiogenomics.Tables.Tests;

/// <summary>Exact, bit-level comparison of two tables (schema, order, values and nulls).</summary>
internal static class TableAssert
{
    /// <summary>Sequence equality for nullable strings (xunit's span overloads reject string? elements).</summary>
    public static void Strings(IEnumerable<string?> expected, IEnumerable<string?> actual) =>
        Assert.Equal(expected.ToArray().AsEnumerable(), actual.ToArray().AsEnumerable());

    public static void Equal(Table expected, Table actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var column in expected.Columns)
        {
            var name = column.Name;
            switch (column.Type)
            {
                case ColumnType.Double:
                    Assert.Equal(
                        expected.GetNullableDoubles(name).Select(v => v is { } d ? BitConverter.DoubleToInt64Bits(d) : (long?)null),
                        actual.GetNullableDoubles(name).Select(v => v is { } d ? BitConverter.DoubleToInt64Bits(d) : (long?)null));
                    break;
                case ColumnType.Float:
                    Assert.Equal(
                        expected.GetNullableFloats(name).Select(v => v is { } f ? BitConverter.SingleToInt32Bits(f) : (int?)null),
                        actual.GetNullableFloats(name).Select(v => v is { } f ? BitConverter.SingleToInt32Bits(f) : (int?)null));
                    break;
                case ColumnType.Int32:
                    Assert.Equal(expected.GetNullableInt32s(name), actual.GetNullableInt32s(name));
                    break;
                case ColumnType.Int64:
                    Assert.Equal(expected.GetNullableInt64s(name), actual.GetNullableInt64s(name));
                    break;
                case ColumnType.Bool:
                    Assert.Equal(expected.GetNullableBools(name), actual.GetNullableBools(name));
                    break;
                case ColumnType.String:
                    Strings(expected.GetStrings(name), actual.GetStrings(name));
                    break;
                case ColumnType.FloatArray:
                    var e = expected.GetFloatArrays(name);
                    var a = actual.GetFloatArrays(name);
                    Assert.Equal(e.Length, a.Length);
                    for (var i = 0; i < e.Length; i++)
                    {
                        if (e[i] is null) Assert.Null(a[i]);
                        else Assert.True(a[i] is not null && e[i]!.AsSpan().SequenceEqual(a[i]), $"{name} row {i} differs");
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled type {column.Type}");
            }
            Assert.Equal(column.NullCount, actual[name].NullCount);
        }
    }
}
