using System.Text.RegularExpressions;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// The layout of a feature table's columns: for deep features, each one's kernel (or channel), row and column
/// in the network's output map; null for features that are not map cells (radiomics, signatures). It travels
/// with the features as the <c>feature_map</c> table (feature, index, kernel|channel, row, column) that the
/// extract stages write and <c>normalize.features</c> carries, so kernels are never guessed from a name and a
/// grid size: an autoencoder of <c>size: 32</c> has 16 kernels of 8×8, not 4 of 16×16.
/// </summary>
public sealed partial class FeatureLayout
{
    /// <summary>The column of the map table that holds the first axis: kernels for the autoencoder, channels for a TorchScript layer.</summary>
    public const string KernelAxis = "kernel", ChannelAxis = "channel";

    private readonly Dictionary<string, int> _index;

    public FeatureLayout(IReadOnlyList<string> names, IReadOnlyList<FeatureMapPosition?> positions, string axis = KernelAxis)
    {
        if (names.Count != positions.Count) throw new ArgumentException("one position (or null) per feature is required");
        if (axis is not (KernelAxis or ChannelAxis)) throw new ArgumentException($"axis is '{axis}', not {KernelAxis} or {ChannelAxis}");
        Names = names;
        Positions = positions;
        Axis = axis;
        _index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) _index.TryAdd(names[i], i);
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<FeatureMapPosition?> Positions { get; }
    public string Axis { get; }

    /// <summary>
    /// The kernel of feature <paramref name="feature"/> (its position in <see cref="Names"/>), or null when it is
    /// not an autoencoder map cell. TorchScript channels are not kernels of the autoencoder and give null, as before.
    /// </summary>
    public int? KernelOf(int feature) => Axis == KernelAxis ? Positions[feature]?.Kernel : null;

    /// <summary>Kernels of all features in order, null where none.</summary>
    public int?[] Kernels() => Enumerable.Range(0, Names.Count).Select(KernelOf).ToArray();

    /// <summary>A kernel-major grid: feature f (0-based) at kernel f / side², row (f mod side²) / side, column f mod side.</summary>
    public static FeatureLayout Grid(IReadOnlyList<string> names, int kernels, int side)
    {
        if ((long)kernels * side * side != names.Count)
            throw new ArgumentException($"{kernels} kernels of {side}×{side} are {kernels * side * side} features, not {names.Count}");
        var positions = new FeatureMapPosition?[names.Count];
        for (int f = 0; f < positions.Length; f++) positions[f] = new(f / (side * side), f % (side * side) / side, f % side);
        return new FeatureLayout(names, positions);
    }

    /// <summary>
    /// The layout of a network layer's flattened C × H × W output: feature f (0-based) at channel f / (H·W),
    /// row f mod (H·W) / W, column f mod W, with the first axis named <paramref name="axis"/>.
    /// </summary>
    public static FeatureLayout Grid(IReadOnlyList<string> names, int height, int width, string axis)
    {
        if (height < 1 || width < 1 || names.Count % (height * width) != 0)
            throw new ArgumentException($"{names.Count} features are not whole planes of {height}×{width}");
        int plane = height * width;
        var positions = new FeatureMapPosition?[names.Count];
        for (int f = 0; f < positions.Length; f++) positions[f] = new(f / plane, f % plane / width, f % width);
        return new FeatureLayout(names, positions, axis);
    }

    [GeneratedRegex(@"^fea_(\d+)$")]
    private static partial Regex SeedFeatureName();

    /// <summary>
    /// For tables that arrive without a map (e.g. the seed study's CSV through <c>fetch.tables</c>): features named
    /// <c>fea_NNNN</c> are the published network's 16 kernels of 16×16 in kernel-major order; others have no position.
    /// </summary>
    public static FeatureLayout FromSeedNames(IReadOnlyList<string> names)
    {
        var positions = new FeatureMapPosition?[names.Count];
        for (int f = 0; f < names.Count; f++)
            if (SeedFeatureName().Match(names[f]) is { Success: true } m && int.TryParse(m.Groups[1].Value, out int n) && n >= 1)
                positions[f] = new((n - 1) / 256, (n - 1) % 256 / 16, (n - 1) % 16);
        return new FeatureLayout(names, positions);
    }

    /// <summary>The layout of exactly <paramref name="features"/>, in their order; a feature the map lacks is an error naming the file.</summary>
    public FeatureLayout For(IReadOnlyList<string> features, string mapFile)
    {
        var positions = new FeatureMapPosition?[features.Count];
        for (int f = 0; f < features.Count; f++)
        {
            if (!_index.TryGetValue(features[f], out int i))
                throw new DataProblemException(mapFile, $"feature '{features[f]}'", "is in the feature table but not in its feature map",
                    "give the feature table and the feature_map of the same extract stage (normalize.features carries the map through)");
            positions[f] = Positions[i];
        }
        return new FeatureLayout(features, positions, Axis);
    }

    /// <summary>Reads a feature map table: feature, then kernel or channel, row and column (nullable integers).</summary>
    public static FeatureLayout Read(string path)
    {
        var table = ParquetFile.Read(path);
        string axis = table.Contains(KernelAxis) ? KernelAxis : table.Contains(ChannelAxis) ? ChannelAxis
            : throw new DataProblemException(path, "header", $"has neither a {KernelAxis} nor a {ChannelAxis} column", "use the feature_map an extract stage wrote");
        foreach (var column in new[] { "feature", "row", "column" })
            if (!table.Contains(column)) throw new DataProblemException(path, "header", $"has no column '{column}'", "use the feature_map an extract stage wrote");
        var names = table.GetStrings("feature");
        var kernel = Integers(table, axis);
        var row = Integers(table, "row");
        var col = Integers(table, "column");
        var positions = new FeatureMapPosition?[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            if (names[i] is null) throw new DataProblemException(path, $"row {i + 1}", "has no feature name", "use the feature_map an extract stage wrote");
            positions[i] = kernel[i] is { } k && row[i] is { } r && col[i] is { } c ? new FeatureMapPosition(k, r, c) : null;
        }
        return new FeatureLayout(names.Select(n => n!).ToList(), positions, axis);
    }

    /// <summary>Writes the map table: feature, index (1-based), kernel or channel, row, column (null where a feature has no position).</summary>
    public void Write(string path) => ParquetFile.Write(new Table()
        .Add("feature", Names.Select(n => (string?)n).ToArray())
        .Add("index", Enumerable.Range(1, Names.Count).ToArray())
        .Add(Axis, Positions.Select(p => p?.Kernel).ToArray())
        .Add("row", Positions.Select(p => p?.Row).ToArray())
        .Add("column", Positions.Select(p => p?.Column).ToArray()), path);

    private static int?[] Integers(Table table, string column) => table[column].Type switch
    {
        ColumnType.Int32 => table.GetNullableInt32s(column),
        ColumnType.Int64 => table.GetNullableInt64s(column).Select(v => v is { } l ? (int?)checked((int)l) : null).ToArray(),
        _ => throw new DataProblemException("feature map", $"column '{column}'", $"has type {table[column].Type}, not integer", "use the feature_map an extract stage wrote"),
    };
}
