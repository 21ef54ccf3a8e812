using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>The test classes that read <see cref="SmallRuns"/> share one instance (the engine runs once).</summary>
[CollectionDefinition(Name)]
public sealed class SmallRunsCollection : ICollectionFixture<SmallRuns>
{
    public const string Name = "small runs";
}
