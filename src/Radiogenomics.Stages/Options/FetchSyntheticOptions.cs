using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>fetch.synthetic</c>.</summary>
public sealed record FetchSyntheticOptions
{
    [Option("default: 110 patients as the seed cohort; small: 12 patients for quick runs")]
    public SyntheticPreset Preset { get; init; } = SyntheticPreset.Default;

    [Option("number of patients; 0 takes the preset's", Minimum = 0, Maximum = 2000)]
    public int Patients { get; init; }

    [Option("rows and columns of every slice", Minimum = 64, Maximum = 512)]
    public int ImageSize { get; init; } = 256;

    [Option("most slices per phase (the fewest is half of it, between 8 and 30)", Minimum = 8, Maximum = 120)]
    public int MaxSlices { get; init; } = 60;

    [Option("seed of every random stream (anatomy, tumours, noise, expression, clinical, UIDs)", IsSeed = true)]
    public long Seed { get; init; } = 2023;

    [Option("workspace folder the cohort's files are written to (one subfolder per configuration)")]
    public string Directory { get; init; } = "data/synthetic";
}
