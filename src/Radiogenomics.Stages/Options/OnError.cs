namespace Radiogenomics.Stages;

/// <summary>Bad records: stop with every problem listed, or leave them out (listed in the errors table).</summary>
public enum OnError
{
    Fail,
    Skip,
}
