using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>survive.deepsurv</c>.</summary>
public sealed record SurviveDeepSurvOptions
{
    [Option("column of the survival table with the follow-up time")]
    public string TimeColumn { get; init; } = SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string EventColumn { get; init; } = SurvivalTable.DefaultEventColumn;

    [Option("inputs: every image feature of the features table (aggregated per patient) when it is consumed, plus these columns (survival, clinical, genomic …; text gets treatment contrasts)")]
    public IReadOnlyList<string> Covariates { get; init; } = [];

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;

    [Option("units of each hidden layer")]
    public IReadOnlyList<double> Hidden { get; init; } = [32, 16];

    [Option("hidden activation: relu, tanh or selu")]
    public MlpActivation Activation { get; init; } = MlpActivation.Relu;

    [Option("dropout probability after each hidden layer", Minimum = 0, Maximum = 0.95)]
    public double Dropout { get; init; } = 0.1;

    [Option("L2 penalty (weight decay) on every weight", Minimum = 0)]
    public double L2 { get; init; } = 1e-4;

    [Option("adam or sgd")]
    public MlpOptimizer Optimizer { get; init; } = MlpOptimizer.Adam;

    [Option("learning rate", Minimum = 0)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("SGD momentum", Minimum = 0, Maximum = 0.999)]
    public double Momentum { get; init; }

    [Option("learning-rate schedule: constant, step, exponential or inverse_time")]
    public MlpSchedule Schedule { get; init; } = MlpSchedule.Constant;

    [Option("decay factor of the step and exponential schedules", Minimum = 0, Maximum = 1)]
    public double Gamma { get; init; } = 1;

    [Option("epochs between step decays", Minimum = 1)]
    public int StepSize { get; init; } = 10;

    [Option("patients per mini-batch (each batch is its own Cox risk set)", Minimum = 2)]
    public int BatchSize { get; init; } = 64;

    [Option("epochs at most", Minimum = 1)]
    public int Epochs { get; init; } = 200;

    [Option("early stopping: epochs without a lower validation loss; 0 = run every epoch (the best epoch is still kept)", Minimum = 0)]
    public int Patience { get; init; } = 20;

    [Option("share of each training fold's patients held out for early stopping", Minimum = 0.05, Maximum = 0.5)]
    public double ValidationFraction { get; init; } = 0.2;

    [Option("outer patient folds (the honest estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("survival or clinical column with each patient's outer fold (1..K); empty: folds stratified by event, drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("seed of folds, splits, weights and batch orders", IsSeed = true)]
    public int Seed { get; init; } = 2024;

    [Option("libtorch CPU threads; 0 = all cores (bit-identical results need the same seed and thread count)", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; } = 1;
}
