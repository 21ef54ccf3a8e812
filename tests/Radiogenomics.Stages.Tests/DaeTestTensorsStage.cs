using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Test-only source of a <c>tensors</c> table as the preprocess stage will write it: 8 patients × 16 images of
/// 64×64 smooth Gaussian blobs in [0, 1], rows interleaved by patient (row i belongs to patient i mod 8).
/// <c>bad: true</c> makes the second image 32×32.
/// </summary>
internal sealed class DaeTestTensorsStage : StageKind
{
    public const int Side = 64;

    public override string Name => "test.dae_tensors";
    public override int Version => 1;
    public override string Summary => "Synthetic 64×64 blob tensors for extract.dae tests.";

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Integer("patients", 8, "patients"),
        ParameterSpec.Integer("images_per_patient", 16, "images per patient"),
        ParameterSpec.Seed("seed", 3, "image seed"),
        ParameterSpec.Boolean("bad", false, "make the second image the wrong size"),
    ];

    public override IReadOnlyList<OutputSpec> Produces => [new("tensors", "patient_id, image_id, series, slice_index, pixels")];

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        int patients = context.Parameters.GetInt32("patients");
        int count = patients * context.Parameters.GetInt32("images_per_patient");
        var random = new Random(context.Parameters.GetInt32("seed"));
        var pixels = new float[]?[count];
        for (int n = 0; n < count; n++) pixels[n] = Blobs(random);
        if (context.Parameters.GetBoolean("bad")) pixels[1] = new float[32 * 32];
        var table = new Table()
            .Add("patient_id", Enumerable.Range(0, count).Select(i => (string?)$"P{i % patients}").ToArray())
            .Add("image_id", Enumerable.Range(0, count).Select(i => (string?)$"img_{i:D3}").ToArray())
            .Add("series", Enumerable.Repeat((string?)"DCE", count).ToArray())
            .Add("slice_index", Enumerable.Range(0, count).Select(i => i / patients).ToArray())
            .Add("pixels", pixels);
        ParquetFile.Write(table, context.Output("tensors"));
        return Task.CompletedTask;
    }

    /// <summary>One image: one to three Gaussian blobs of varied size, position and brightness, clipped to 1.</summary>
    internal static float[] Blobs(Random random)
    {
        var image = new float[Side * Side];
        int blobs = random.Next(1, 4);
        for (int b = 0; b < blobs; b++)
        {
            double centreRow = 8 + (random.NextDouble() * 48), centreColumn = 8 + (random.NextDouble() * 48);
            double sigma = 2.5 + (random.NextDouble() * 9), brightness = 0.4 + (random.NextDouble() * 0.6);
            for (int row = 0; row < Side; row++)
                for (int column = 0; column < Side; column++)
                {
                    double d2 = ((row - centreRow) * (row - centreRow)) + ((column - centreColumn) * (column - centreColumn));
                    image[(row * Side) + column] += (float)(brightness * Math.Exp(-d2 / (2 * sigma * sigma)));
                }
        }

        for (int i = 0; i < image.Length; i++) image[i] = Math.Min(image[i], 1f);
        return image;
    }
}
