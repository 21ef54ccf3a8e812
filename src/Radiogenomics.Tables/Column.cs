namespace Radiogenomics.Tables;

/// <summary>
/// One immutable, named, typed column of a <see cref="Table"/>. Values are copied in on creation and copied
/// out by the typed getters, so a column can be shared between tables without anyone mutating it.
/// </summary>
public sealed class Column
{
    private Column(string name, ColumnType type, Array values, bool[]? nulls, int nullCount)
    {
        Name = name;
        Type = type;
        Values = values;
        Length = values.Length;
        Nulls = nullCount == 0 ? null : nulls;
        NullCount = nullCount;
    }

    public string Name { get; }
    public ColumnType Type { get; }
    public int Length { get; }
    public int NullCount { get; }
    public bool HasNulls => NullCount > 0;
    public ColumnDefinition Definition => new(Name, Type);

    /// <summary>
    /// Storage: double[], float[], int[], long[], bool[], string?[] or float[]?[] depending on <see cref="Type"/>.
    /// For value types, null rows hold default(T); for reference types they hold null.
    /// </summary>
    internal Array Values { get; }

    /// <summary>True where the row is null; null when the column has no nulls at all.</summary>
    internal bool[]? Nulls { get; }

    public bool IsNull(int row)
    {
        if ((uint)row >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Column '{Name}' has {Length} rows.");
        return Nulls is not null && Nulls[row];
    }

    public override string ToString() => $"{Name} {Type} ({Length} rows, {NullCount} null)";

    /// <summary>Same values under another name; the storage is shared because columns are immutable.</summary>
    public Column WithName(string name) => new(ValidateName(name), Type, Values, Nulls, NullCount);

    // ---- construction (copies the caller's arrays) ----

    public static Column Create(string name, double[] values) => FromValues(name, ColumnType.Double, values);
    public static Column Create(string name, float[] values) => FromValues(name, ColumnType.Float, values);
    public static Column Create(string name, int[] values) => FromValues(name, ColumnType.Int32, values);
    public static Column Create(string name, long[] values) => FromValues(name, ColumnType.Int64, values);
    public static Column Create(string name, bool[] values) => FromValues(name, ColumnType.Bool, values);
    public static Column Create(string name, double?[] values) => FromNullable(name, ColumnType.Double, values);
    public static Column Create(string name, float?[] values) => FromNullable(name, ColumnType.Float, values);
    public static Column Create(string name, int?[] values) => FromNullable(name, ColumnType.Int32, values);
    public static Column Create(string name, long?[] values) => FromNullable(name, ColumnType.Int64, values);
    public static Column Create(string name, bool?[] values) => FromNullable(name, ColumnType.Bool, values);

    public static Column Create(string name, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = (string?[])values.Clone();
        var (nulls, nullCount) = NullsOfReferences(copy);
        return new Column(ValidateName(name), ColumnType.String, copy, nulls, nullCount);
    }

    /// <summary>A FloatArray column; each row's array is copied, and rows may differ in length.</summary>
    public static Column Create(string name, float[]?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new float[]?[values.Length];
        for (var i = 0; i < values.Length; i++) copy[i] = (float[]?)values[i]?.Clone();
        var (nulls, nullCount) = NullsOfReferences(copy);
        return new Column(ValidateName(name), ColumnType.FloatArray, copy, nulls, nullCount);
    }

    /// <summary>A column of <paramref name="length"/> nulls, e.g. to pad a batch.</summary>
    public static Column CreateNulls(string name, ColumnType type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Array values = type switch
        {
            ColumnType.Double => new double[length],
            ColumnType.Float => new float[length],
            ColumnType.Int32 => new int[length],
            ColumnType.Int64 => new long[length],
            ColumnType.Bool => new bool[length],
            ColumnType.String => new string?[length],
            ColumnType.FloatArray => new float[]?[length],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown column type."),
        };
        var nulls = new bool[length];
        Array.Fill(nulls, true);
        return new Column(ValidateName(name), type, values, nulls, length);
    }

    /// <summary>Adopts arrays built by this library without copying (readers build fresh arrays).</summary>
    internal static Column Adopt(string name, ColumnType type, Array values, bool[]? nulls)
    {
        var nullCount = 0;
        if (nulls is not null)
            foreach (var isNull in nulls)
                if (isNull) nullCount++;
        return new Column(name, type, values, nulls, nullCount);
    }

    private static Column FromValues<T>(string name, ColumnType type, T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Column(ValidateName(name), type, (T[])values.Clone(), null, 0);
    }

    private static Column FromNullable<T>(string name, ColumnType type, T?[] values) where T : struct
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = new T[values.Length];
        bool[]? nulls = null;
        var nullCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                data[i] = value;
            }
            else
            {
                nulls ??= new bool[values.Length];
                nulls[i] = true;
                nullCount++;
            }
        }
        return new Column(ValidateName(name), type, data, nulls, nullCount);
    }

    private static (bool[]? Nulls, int Count) NullsOfReferences<T>(T?[] values) where T : class
    {
        bool[]? nulls = null;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not null) continue;
            nulls ??= new bool[values.Length];
            nulls[i] = true;
            count++;
        }
        return (nulls, count);
    }

    internal static string ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0) throw new ArgumentException("Column names cannot be empty.", nameof(name));
        if (name.Contains('\0')) throw new ArgumentException($"Column name '{name}' contains a NUL character.", nameof(name));
        return name;
    }

    // ---- typed access (copies out) ----

    internal T[] CopyValues<T>(ColumnType expected, string accessor)
    {
        var values = Expect<T[]>(expected, accessor);
        if (NullCount > 0)
            throw new InvalidOperationException(
                $"Column '{Name}' ({Type}) has {NullCount} null value(s); {accessor} cannot represent them. " +
                $"Use the nullable accessor instead.");
        return (T[])values.Clone();
    }

    internal T?[] CopyNullable<T>(ColumnType expected, string accessor) where T : struct
    {
        var values = Expect<T[]>(expected, accessor);
        var result = new T?[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = Nulls is not null && Nulls[i] ? null : values[i];
        return result;
    }

    internal string?[] CopyStrings(string accessor) =>
        (string?[])Expect<string?[]>(ColumnType.String, accessor).Clone();

    internal float[]?[] CopyFloatArrays(string accessor)
    {
        var values = Expect<float[]?[]>(ColumnType.FloatArray, accessor);
        var result = new float[]?[values.Length];
        for (var i = 0; i < values.Length; i++) result[i] = (float[]?)values[i]?.Clone();
        return result;
    }

    private TArray Expect<TArray>(ColumnType expected, string accessor) where TArray : class
    {
        if (Type != expected)
            throw new InvalidOperationException(
                $"Column '{Name}' has type {Type}, but {accessor} expects type {expected}.");
        return (TArray)(object)Values;
    }
}
