using Xunit;

namespace Radiogenomics.Data.Tests;

public sealed class FeatureLayoutTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-data-" + Guid.NewGuid().ToString("N")[..10]);

    public FeatureLayoutTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static List<string> Names(int count) => Enumerable.Range(1, count).Select(i => $"fea_{i:D4}").ToList();

    [Theory]
    [InlineData("fea_0001", 0)]
    [InlineData("fea_0256", 0)]
    [InlineData("fea_0257", 1)]
    [InlineData("fea_4096", 15)]
    [InlineData("original_firstorder_Mean", null)]
    public void SeedFeatureNamesMapToTheSeedsKernels(string name, int? kernel) =>
        Assert.Equal(kernel, FeatureLayout.FromSeedNames([name]).KernelOf(0));

    [Fact]
    public void AGridIsKernelMajor()
    {
        var layout = FeatureLayout.Grid(Names(1024), kernels: 16, side: 8);
        Assert.Equal(new FeatureMapPosition(0, 0, 0), layout.Positions[0]);
        Assert.Equal(new FeatureMapPosition(0, 7, 7), layout.Positions[63]);
        Assert.Equal(new FeatureMapPosition(1, 0, 0), layout.Positions[64]);
        Assert.Equal(new FeatureMapPosition(15, 1, 2), layout.Positions[15 * 64 + 10]);
        Assert.Throws<ArgumentException>(() => FeatureLayout.Grid(Names(1000), 16, 8));
    }

    [Fact]
    public void TheMapTableRoundTripsAndFollowsTheFeatureOrder()
    {
        string path = Path.Combine(_root, "map.parquet");
        FeatureLayout.Grid(Names(128), kernels: 2, side: 8).Write(path);
        var read = FeatureLayout.Read(path);
        Assert.Equal(FeatureLayout.KernelAxis, read.Axis);
        Assert.Equal(Enumerable.Range(0, 128).Select(f => (int?)(f / 64)), read.Kernels());

        var reordered = read.For(["fea_0100", "fea_0001"], path);
        Assert.Equal(new int?[] { 1, 0 }, reordered.Kernels());
        var e = Assert.Throws<DataProblemException>(() => read.For(["fea_0001", "volume"], path));
        Assert.StartsWith($"{path}: feature 'volume': is in the feature table but not in its feature map. Fix: ", e.Message);
    }

    [Fact]
    public void ALayersOutputIsChannelRowColumn()
    {
        var names = Enumerable.Range(1, 2 * 3 * 4).Select(i => $"layer1_{i:D4}").ToList();
        var layout = FeatureLayout.Grid(names, height: 3, width: 4, FeatureLayout.ChannelAxis);
        Assert.Equal(new FeatureMapPosition(0, 0, 0), layout.Positions[0]);
        Assert.Equal(new FeatureMapPosition(0, 2, 3), layout.Positions[11]);
        Assert.Equal(new FeatureMapPosition(1, 1, 2), layout.Positions[12 + 4 + 2]);
        Assert.Equal(new FeatureMapPosition(5, 0, 0), FeatureLayout.Grid(names[..6], 1, 1, FeatureLayout.ChannelAxis).Positions[5]); // avgpool: C × 1 × 1
        Assert.Throws<ArgumentException>(() => FeatureLayout.Grid(names[..5], 3, 4, FeatureLayout.ChannelAxis));
    }

    [Fact]
    public void TorchScriptChannelsAreNotAutoencoderKernels()
    {
        string path = Path.Combine(_root, "channels.parquet");
        new FeatureLayout(["avgpool_0001"], [new FeatureMapPosition(0, 0, 0)], FeatureLayout.ChannelAxis).Write(path);
        var read = FeatureLayout.Read(path);
        Assert.Equal(FeatureLayout.ChannelAxis, read.Axis);
        Assert.Null(read.KernelOf(0));
        Assert.Equal(new FeatureMapPosition(0, 0, 0), read.Positions[0]);
    }

    [Fact]
    public void FeatureTablesKeepTheirLayoutAndLevel()
    {
        string features = Path.Combine(_root, "f.parquet"), map = Path.Combine(_root, "m.parquet");
        var names = Names(128);
        var matrix = new FeatureMatrix(["i1", "i2"], ["P1", "P1"], names, names.Select((_, j) => new double[] { j, -j }).ToArray());
        new FeatureTable(matrix, FeatureLayout.Grid(names, 2, 8)).Write(features, map);

        var withMap = FeatureTable.Read(features, map);
        Assert.Equal(1, withMap.Layout.KernelOf(64));
        Assert.Equal(FeatureLevel.Image, withMap.Level);
        Assert.Equal(0, FeatureTable.Read(features, mapPath: null).Layout.KernelOf(64)); // the seed's 16×16 rule without a map

        var patients = new FeatureMatrix(["P1", "P2"], ["P1", "P2"], ["x"], [[1.0, 2.0]]);
        Assert.Equal(FeatureLevel.Patient, patients.Level);
    }
}
