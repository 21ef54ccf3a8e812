using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// associate.lme's shards: blocks of radiomic features written without q, merged by BH over every pair's p, give the
/// bytes of the unsharded table whatever the count (uneven blocks, more shards than features), with the same untested
/// counts, q-values under each scope, and a clear error for shards that do not fit the scan.
/// </summary>
public sealed class AssociationShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rg-shard").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static AssociationScan Scan(int features)
    {
        // 12 patients × 4 images; every 5th feature constant (no test), the others random with a patient effect; 5 genomic features.
        var random = new Random(7);
        var patients = Enumerable.Range(0, 12).Select(p => $"P{p:00}").ToArray();
        var patientOf = Enumerable.Range(0, 48).Select(i => (string?)patients[i / 4]).ToArray();
        var imageIds = Enumerable.Range(0, 48).Select(i => (string?)$"img{i}").ToArray();
        var columns = Enumerable.Range(0, features).Select(j =>
        {
            var effect = Enumerable.Range(0, 12).Select(_ => StageWorkspace.Normal(random)).ToArray();
            return Enumerable.Range(0, 48).Select(i => j % 5 == 4 ? 1.0 : effect[i / 4] + StageWorkspace.Normal(random)).ToArray();
        }).ToArray();
        var matrix = new FeatureMatrix(imageIds, patientOf, Enumerable.Range(1, features).Select(j => $"fea_{j:0000}").ToList(), columns);
        var covariates = Enumerable.Range(0, 5 * 12).Select(_ => StageWorkspace.Normal(random)).ToArray();
        var names = new[] { "g1", "g2", "g3", "s1", "s2" };
        return new AssociationScan(matrix, patients, names, covariates, names.ToDictionary(n => n, n => n[0] == 'g' ? "gene" : "signature"), MissingCovariatePolicy.Omit);
    }

    [Theory]
    [InlineData(FdrScope.Global, 1)]
    [InlineData(FdrScope.Global, 3)]
    [InlineData(FdrScope.PerGenomic, 7)]
    [InlineData(FdrScope.PerFamily, 25)] // more shards than the 23 features: some shards are empty
    public void Merged_shards_are_the_unsharded_table_byte_for_byte(FdrScope scope, int count)
    {
        var scan = Scan(23);
        string whole = Path.Combine(_dir, "whole.parquet");
        var q = scan.QValues(scan.PValues(), scope);
        var untested = scan.Write(whole, q);

        var shards = Enumerable.Range(0, count).Select(i =>
        {
            string path = Path.Combine(_dir, $"shard-{i}.parquet");
            var (start, end) = new StageShard(i, count).Range(scan.FeatureCount);
            scan.WriteShard(path, start, end);
            return path;
        }).ToList();
        string merged = Path.Combine(_dir, "merged.parquet");
        var (mergedUntested, mergedQ) = scan.Merge(merged, shards, scope);

        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(merged));
        Assert.Equal(q, mergedQ);
        Assert.Equal(untested.OrderBy(u => u.Key), mergedUntested.OrderBy(u => u.Key));
        Assert.True(untested[FitStatus.ConstantResponse] > 0);
    }

    [Fact]
    public void Shards_of_another_split_are_refused_naming_the_file()
    {
        var scan = Scan(10);
        var shards = Enumerable.Range(0, 2).Select(i =>
        {
            string path = Path.Combine(_dir, $"shard-{i}.parquet");
            var (start, end) = new StageShard(i, 3).Range(scan.FeatureCount); // written as 3 shards, merged as 2
            scan.WriteShard(path, start, end);
            return path;
        }).ToList();
        var e = Assert.Throws<InvalidDataException>(() => scan.Merge(Path.Combine(_dir, "merged.parquet"), shards, FdrScope.Global));
        Assert.Contains("shard-0.parquet: 15 rows, but shard 1 of 2 covers features 1-5 × 5 genomic features", e.Message);
    }
}
