using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>A <see cref="TableStageKind"/> with typed options: the Parquet.Net and DuckDB versions are part of the cache key, as there.</summary>
public abstract class TableStageKind<TOptions> : StageKind<TOptions> where TOptions : class, new()
{
    public override string AssemblyVersion => $"{base.AssemblyVersion}; DuckDB {DuckDbLibrary.Version}; {ParquetFile.WriterVersion}";
}
