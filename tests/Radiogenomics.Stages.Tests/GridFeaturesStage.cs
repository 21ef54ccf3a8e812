using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Test-only extract stage: features and feature map shaped as <c>extract.dae</c> writes them for <c>size: 32</c>
/// (16 kernels of 8×8 = 1,024 features fea_0001…, kernel-major). Feature f of image i is pseudo-random, except
/// that every feature of kernel 1 carries its patient's planted value, so kernel 1 alone associates.
/// </summary>
internal sealed class GridFeaturesStage : TableStageKind
{
    public const int Kernels = 16, Side = 8, Patients = 12, ImagesPerPatient = 3;

    public override string Name => "test.grid_features";
    public override int Version => 1;
    public override string Summary => "Deep features of a 16×8×8 map with one associated kernel.";

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "image_id, patient_id, fea_0001…fea_1024"),
        new("feature_map", "feature, index, kernel, row, column"),
    ];

    /// <summary>The planted value of patient p (also its genomic value in the test's gene table).</summary>
    public static double Planted(int patient) => patient % 4 * 1.5 - patient % 3;

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        int count = Kernels * Side * Side, images = Patients * ImagesPerPatient;
        var names = Enumerable.Range(1, count).Select(i => $"fea_{i:D4}").ToList();
        var random = new Random(11);
        var columns = new double[count][];
        for (int f = 0; f < count; f++)
        {
            columns[f] = new double[images];
            for (int i = 0; i < images; i++)
                columns[f][i] = random.NextDouble() + (f / (Side * Side) == 1 ? 3 * Planted(i / ImagesPerPatient) : 0);
        }
        var matrix = new FeatureMatrix(
            Enumerable.Range(0, images).Select(i => (string?)$"img{i:D2}").ToArray(),
            Enumerable.Range(0, images).Select(i => (string?)$"P{i / ImagesPerPatient:D2}").ToArray(), names, columns);
        new FeatureTable(matrix, FeatureLayout.Grid(names, Kernels, Side)).Write(context.Output("features"), context.Output("feature_map"));
        return Task.CompletedTask;
    }
}
