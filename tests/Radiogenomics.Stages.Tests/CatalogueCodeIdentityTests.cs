using Radiogenomics.Engine.Identity;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>The engine's default code identity on the real catalogue: type-granular for every kind, with no assembly counted whole.</summary>
public class CatalogueCodeIdentityTests
{
    [Fact]
    public void EveryKindsIdentityComputesTypeByTypeWithoutFallingBack()
    {
        var identity = new TypeClosureIdentity();
        var kinds = StageCatalog.CreateRegistry().Kinds.ToList();
        var byKind = kinds.ToDictionary(k => k.Name, identity.Of);
        Assert.True(identity.Fallbacks.Count == 0, "fell back to whole-assembly digests: " + string.Join("; ", identity.Fallbacks.Select(f => $"{f.Key} ({f.Value})")));
        foreach (var (name, code) in byKind)
        {
            Assert.Contains(code.Keys, k => k.StartsWith("Radiogenomics.Stages: ", StringComparison.Ordinal));
            Assert.DoesNotContain("Radiogenomics.Stages", code.Keys);   // whole-assembly keys only for packages
            Assert.Equal(Environment.Version.ToString(), code["runtime"]);
        }
        // The point of the granularity: the autoencoder's identity does not include the lasso classifier's code.
        Assert.Contains(byKind["classify.lasso"].Keys, k => k == "Radiogenomics.Stages: ClassifyLassoStage");
        Assert.DoesNotContain(byKind["extract.dae"].Keys, k => k == "Radiogenomics.Stages: ClassifyLassoStage");
        Assert.DoesNotContain(byKind["fetch.synthetic"].Keys, k => k == "Radiogenomics.Stages: ClassifyLassoStage");
    }
}
