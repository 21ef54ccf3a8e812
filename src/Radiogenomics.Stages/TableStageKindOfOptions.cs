using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>A <see cref="TableStageKind"/> with typed options: the DuckDB version that writes its Parquet is part of the cache key.</summary>
public abstract class TableStageKind<TOptions> : StageKind<TOptions> where TOptions : class, new()
{
    public override string AssemblyVersion => $"{base.AssemblyVersion}; DuckDB {DuckDbLibrary.Version}";
}
