using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>The test classes that read <see cref="SmallRuns"/> or <see cref="OutcomeRuns"/> share one instance of each (the engine runs once).</summary>
[CollectionDefinition(Name)]
public sealed class SmallRunsCollection : ICollectionFixture<SmallRuns>, ICollectionFixture<OutcomeRuns>
{
    public const string Name = "small runs";
}
