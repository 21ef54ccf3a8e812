using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>Every stage kind the product ships, and the software versions its provenance records.</summary>
public static class StageCatalog
{
    public static StageRegistry CreateRegistry() => new StageRegistry()
        .Add(new FetchTablesStage())
        .Add(new FetchLocalStage())
        .Add(new FetchSyntheticStage())
        .Add(new FetchGdcStage())
        .Add(new FetchTciaStage())
        .Add(new PreprocessDceStage())
        .Add(new ExtractDenoisingAutoencoderStage())
        .Add(new ExtractTorchScriptStage())
        .Add(new NormalizeFeaturesStage())
        .Add(new GenomicFeaturesStage())
        .Add(new AssociateLinearMixedModelStage())
        .Add(new ExtractRadiomicsStage())
        .Add(new AssociateCorrelationStage())
        .Add(new ExploreTsneStage())
        .Add(new ExploreClustersStage())
        .Add(new AssociateLimmaStage())
        .Add(new EvaluateTruthStage())
        .Add(new SurviveCoxStage())
        .Add(new SurviveKaplanMeierStage())
        .Add(new SurviveEvaluateStage())
        .Add(new SurviveDeepSurvStage())
        .Add(new SurviveLassoStage())
        .Add(new ClassifyLassoStage())
        .Add(new ClassifyForestStage())
        .Add(new ClassifyBoostingStage())
        .Add(new ClassifyMlpStage())
        .Add(new LearnExpressionAutoencoderStage())
        .Add(new PredictMorphologyStage())
        .Add(new ClassifyNomogramStage())
        .Add(new ClassifyApplyStage())
        .Add(new EvaluateClassifiersStage())
        .Add(new PredictElasticNetStage())
        .Add(new PredictLinearStage())
        .Add(new EvaluateRegressionsStage())
        .Add(new CoexpressionModulesStage());

    /// <summary>
    /// Deferred: nothing is read until the sequence is enumerated (the engine does so when it archives a run), because
    /// reading DuckDB's and libtorch's versions loads their native libraries, seconds that a plan or a no-op rerun never needs.
    /// </summary>
    public static IEnumerable<SoftwareComponent> Software()
    {
        foreach (var component in DataLibraries()) yield return component;
        yield return Libtorch();
        yield return new SoftwareComponent("MathNet.Numerics", typeof(MathNet.Numerics.Control).Assembly.GetName().Version?.ToString() ?? "?", "https://numerics.mathdotnet.com/");
    }

    private static List<SoftwareComponent> DataLibraries()
    {
        try
        {
            return
            [
                new SoftwareComponent("DuckDB", DuckDbLibrary.Version, "https://duckdb.org/"),
                new SoftwareComponent("Parquet.Net", ParquetFile.WriterVersion["Parquet.Net ".Length..], "https://github.com/aloneguid/parquet-dotnet"),
            ];
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or FileNotFoundException)
        {
            return [new SoftwareComponent("DuckDB", "not found: " + e.Message)];
        }
    }

    private static SoftwareComponent Libtorch()
    {
        try
        {
            return new SoftwareComponent("libtorch", Learning.TorchRuntime.TorchVersion, "https://pytorch.org/cppdocs/");
        }
        catch (Exception e) when (e is DllNotFoundException or Learning.TorchBridgeException or EntryPointNotFoundException or InvalidOperationException or TypeInitializationException)
        {
            return new SoftwareComponent("libtorch", "bridge not loaded: " + e.Message.Split('\n')[0]);
        }
    }
}
