namespace Radiogenomics.DataSources;

/// <summary>What a parser does with records it reports as <see cref="DataProblem"/>s.</summary>
public enum BadRecordPolicy
{
    /// <summary>Read the whole file, then throw one <see cref="DataProblemException"/> listing every problem.</summary>
    Fail,

    /// <summary>Leave bad records out of the result; the problems are still listed on it.</summary>
    Skip,

    /// <summary>Keep the record and store a bad value as missing (NaN); records that cannot be kept at all
    /// (bad id, wrong column count, duplicates) are left out. The problems are listed on the result.</summary>
    KeepAsMissing,
}
