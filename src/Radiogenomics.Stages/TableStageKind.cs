using Radiogenomics.Engine.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Base of stage kinds that write Parquet: the file bytes depend on the Parquet.Net version that wrote them
/// (its created_by field and encoder), and what DuckDB parses (CSV inputs) or computes (SQL) on its version,
/// so both are part of the cache key.
/// </summary>
public abstract class TableStageKind : StageKind
{
    public override string AssemblyVersion => $"{base.AssemblyVersion}; DuckDB {DuckDbLibrary.Version}; {ParquetFile.WriterVersion}";
}
