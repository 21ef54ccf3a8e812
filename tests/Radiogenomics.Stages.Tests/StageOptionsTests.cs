using System.Reflection;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Typed options: every shipped kind takes a record whose
/// enums are the only choices, so no parameter value can fall through a string comparison to a default.
/// </summary>
public sealed class StageOptionsTests
{
    private static readonly IReadOnlyList<StageKind> Kinds = StageCatalog.CreateRegistry().Kinds.ToList();

    /// <summary>The options record of a typed kind, or null for an old-style kind.</summary>
    private static Type? OptionsOf(StageKind kind)
    {
        for (var type = kind.GetType(); type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(StageKind<>)) return type.GetGenericArguments()[0];
        return null;
    }

    private static object Bind(Type options, ResolvedParameters parameters)
    {
        var bind = typeof(StageOptions<>).MakeGenericType(options).GetMethod(nameof(StageOptions<object>.Bind))!;
        try { return bind.Invoke(null, [parameters])!; }
        catch (TargetInvocationException e) { throw e.InnerException!; }
    }

    private static ResolvedParameters Defaults(StageKind kind, string? name = null, object? value = null) =>
        new(kind.Parameters.ToDictionary(p => p.Name, p => p.Name == name ? value : p.Default switch { int i => (long)i, var d => d }));

    [Fact]
    public void EveryShippedKindButTheAutoencoderDeclaresItsParametersAsARecord()
    {
        Assert.Empty(Kinds.Where(k => OptionsOf(k) is null).Select(k => k.Name));
        foreach (var kind in Kinds.Where(k => OptionsOf(k) is not null))
        {
            Assert.NotEmpty(kind.Parameters);
            Assert.Equal(kind.Parameters.Count, kind.Parameters.Select(p => p.Name).Distinct().Count());
            Bind(OptionsOf(kind)!, Defaults(kind)); // the defaults bind
        }
    }

    [Fact]
    public void EveryChoiceBindsToItsOwnEnumMember()
    {
        int checkedChoices = 0;
        foreach (var kind in Kinds.Where(k => OptionsOf(k) is not null))
        {
            var options = OptionsOf(kind)!;
            foreach (var spec in kind.Parameters.Where(p => p.Type == ParameterType.Choice))
            {
                var property = options.GetProperties().Single(p => OptionChoices.SnakeCase(p.Name) == spec.Name);
                Assert.True(property.PropertyType.IsEnum, $"{kind.Name}.{spec.Name} is a choice but {property.PropertyType.Name} is not an enum");
                var members = new HashSet<object>();
                foreach (var choice in spec.Choices)
                {
                    var value = (Enum)property.GetValue(Bind(options, Defaults(kind, spec.Name, choice)))!;
                    Assert.Equal(choice, OptionChoices.Spelling(value));
                    Assert.True(members.Add(value), $"{kind.Name}.{spec.Name}: '{choice}' binds to a member another choice has");
                    checkedChoices++;
                }
                Assert.Equal(Enum.GetValues(property.PropertyType).Length, members.Count);
            }
        }
        Assert.True(checkedChoices >= 60, $"{checkedChoices} choices checked");
    }

    [Theory]
    [InlineData("associate.lme", "fdr_scope", "per-genomic")] // a typo that used to mean per_family
    [InlineData("associate.correlation", "fdr_scope", "genomic")]
    [InlineData("associate.correlation", "method", "kendall")] // used to mean pearson
    [InlineData("normalize.features", "aggregate", "max")] // used to mean mean
    [InlineData("preprocess.dce", "normalisation", "minmax")] // used to mean divide-by-max
    [InlineData("preprocess.dce", "phase_rule", "temporal")] // used to mean phase-index
    [InlineData("genomics.features", "pathway_method", "ssGSEA")] // used to mean ssgsea
    [InlineData("fetch.local", "count_column", "stranded_first")] // used to mean unstranded
    public void AnUnknownChoiceIsAnErrorNotADefault(string kindName, string parameter, string value)
    {
        var kind = Kinds.Single(k => k.Name == kindName);
        var e = Assert.Throws<ArgumentException>(() => Bind(OptionsOf(kind)!, Defaults(kind, parameter, value)));
        Assert.Contains($"parameter '{parameter}' is {value}, not one of ", e.Message);
    }

    [Fact]
    public void MultipleTestingHasNoDefaultScope()
    {
        double[] p = [0.01, 0.04, 0.03, 0.2];
        Func<int, string> family = g => g == 0 ? "a" : "b";
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleTesting.Adjust(p, 2, ["G1", "G2"], family, (FdrScope)7));
        var perGenomic = MultipleTesting.Adjust(p, 2, ["G1", "G2"], family, FdrScope.PerGenomic);
        var perFamily = MultipleTesting.Adjust(p, 2, ["G1", "G2"], _ => "one", FdrScope.PerFamily);
        Assert.Equal(BenjaminiHochberg.Adjust(p), perFamily); // one family: all pairs
        Assert.Equal(BenjaminiHochberg.Adjust([0.01, 0.03]), new[] { perGenomic[0], perGenomic[2] });
        Assert.Equal("per_genomic", OptionChoices.Spelling(FdrScope.PerGenomic));
    }

    [Fact]
    public void TheRecordIsWhatDescribeAndTheBinderSee()
    {
        var lme = Kinds.Single(k => k.Name == "associate.lme");
        Assert.Equal(["fdr_scope", "fdr_threshold", "missing_genomic"], lme.Parameters.Select(p => p.Name));
        var threshold = lme.Parameters[1];
        Assert.Equal((ParameterType.Number, 0.05, 0.0, 1.0), (threshold.Type, (double)threshold.Default!, threshold.Minimum!.Value, threshold.Maximum!.Value));
        Assert.Equal("one of global|per_genomic|per_family", lme.Parameters[0].TypeName);
        var synthetic = Kinds.Single(k => k.Name == "fetch.synthetic");
        Assert.True(synthetic.Parameters.Single(p => p.Name == "seed").IsSeed);
        Assert.Equal(2023L, synthetic.Parameters.Single(p => p.Name == "seed").Default);
        var options = (AssociateLinearMixedModelOptions)Bind(typeof(AssociateLinearMixedModelOptions), Defaults(lme, "fdr_scope", "per_family"));
        Assert.Equal(new AssociateLinearMixedModelOptions { FdrScope = FdrScope.PerFamily }, options);
    }

    private abstract record SharedOptions
    {
        [Option("declared on the base")]
        public string First { get; init; } = "a";

        [Option("also on the base")]
        public IReadOnlyList<string> Second { get; init; } = [];
    }

    private sealed record DerivedOptions : SharedOptions
    {
        [Option("the derived record's own", Minimum = 1)]
        public int Third { get; init; } = 3;
    }

    [Fact]
    public void InheritedOptionsBindAndComeFirst()
    {
        // Reflection lists a derived record's own properties before its base's; the binder puts the base's first.
        Assert.Equal(["first", "second", "third"], StageOptions<DerivedOptions>.Parameters.Select(p => p.Name));
        var bound = StageOptions<DerivedOptions>.Bind(new ResolvedParameters(new Dictionary<string, object?>
        {
            ["first"] = "x", ["second"] = new[] { "T2", "T3" }, ["third"] = 7L,
        }));
        Assert.Equal(("x", 7), (bound.First, bound.Third));
        Assert.Equal(["T2", "T3"], bound.Second);
    }

    [Fact]
    public void EveryTrainingClassifyKindListsTheSharedLabelOptionsFirst()
    {
        string[] shared = ["label", "rule", "positive", "negative", "exclude", "match", "threshold", "quantile", "incomplete"];
        foreach (var name in new[] { "classify.lasso", "classify.forest", "classify.boosting", "classify.mlp", "classify.nomogram" })
        {
            var kind = Kinds.Single(k => k.Name == name);
            Assert.Equal(shared, kind.Parameters.Take(shared.Length).Select(p => p.Name));
            Assert.Equal(kind.Parameters.Count, kind.Parameters.Select(p => p.Name).Distinct().Count());
        }
    }
}
