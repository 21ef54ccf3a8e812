using System.Diagnostics;
using Radiogenomics.Engine.Identity;
using Xunit;

namespace Radiogenomics.Engine.Tests;

/// <summary>
/// Type-granular code identity on two tiny project assemblies compiled at test time in variants: a change reruns
/// the kinds whose type closure reaches it and no other, and an unrelated addition reruns nothing.
/// </summary>
public class TypeClosureIdentityTests(ProbeAssemblies probes) : IClassFixture<ProbeAssemblies>
{
    private static SortedDictionary<string, string> Identity(string variant, string kind) =>
        new TypeClosureIdentity().Closure(Path.Combine(variant, "Radiogenomics.Probe.dll"), "Probe." + kind);

    private void AssertChanges(string variant, bool kindOne, bool kindTwo)
    {
        string dir = probes.Variant(variant);
        Assert.True(kindOne == !Identity(probes.Base, "KindOne").SequenceEqual(Identity(dir, "KindOne")), $"{variant}: KindOne should {(kindOne ? "" : "not ")}change");
        Assert.True(kindTwo == !Identity(probes.Base, "KindTwo").SequenceEqual(Identity(dir, "KindTwo")), $"{variant}: KindTwo should {(kindTwo ? "" : "not ")}change");
    }

    [Fact]
    public void TheBaseIdentityFollowsTheReachedTypesAcrossProjectAssemblies()
    {
        var identity = new TypeClosureIdentity();
        var one = identity.Closure(Path.Combine(probes.Base, "Radiogenomics.Probe.dll"), "Probe.KindOne");
        Assert.Empty(identity.Fallbacks);
        Assert.Equal(Environment.Version.ToString(), one["runtime"]);
        foreach (var key in new[] { "Radiogenomics.Probe: KindOne", "Radiogenomics.Probe: A", "Radiogenomics.Probe: Impl", "Radiogenomics.Probe: IModel",
                     "Radiogenomics.Probe: Limits", "Radiogenomics.Probe: <Module>", "Radiogenomics.Probe: <PrivateImplementationDetails>", "Radiogenomics.ProbeLib: Scale" })
            Assert.Contains(key, one.Keys);
        Assert.DoesNotContain("Radiogenomics.Probe: KindTwo", one.Keys);
        Assert.DoesNotContain("Radiogenomics.ProbeLib: Unused", one.Keys);
        Assert.DoesNotContain("Radiogenomics.Probe", one.Keys);   // no whole-assembly digest: nothing fell back
        Assert.Equal(one, new TypeClosureIdentity().Closure(Path.Combine(probes.Base, "Radiogenomics.Probe.dll"), "Probe.KindOne"));
    }

    [Fact]
    public void AMethodBodyChangeRerunsTheKindsThatReachItOnly() => AssertChanges("body", kindOne: true, kindTwo: false);

    [Fact]
    public void AnUnrelatedTypeOrMethodRerunsNothingThoughEveryTokenAfterItShifts() => AssertChanges("unrelated", kindOne: false, kindTwo: false);

    [Theory]
    [InlineData("lambda")]
    [InlineData("async")]
    [InlineData("iterator")]
    public void AChangeInsideALambdaAsyncMethodOrIteratorReruns(string variant) => AssertChanges(variant, kindOne: true, kindTwo: false);

    [Theory]
    [InlineData("constant")]
    [InlineData("literal")]
    public void AChangedConstantOrStringLiteralReruns(string variant) => AssertChanges(variant, kindOne: true, kindTwo: false);

    /// <summary>
    /// The array's data lives in &lt;PrivateImplementationDetails&gt;, which every closure reaching the assembly includes:
    /// KindTwo reruns too (a false rerun, by the conservative rule), and KindOne also through the reached field's bytes.
    /// </summary>
    [Fact]
    public void AChangedStaticArrayInitialiserReruns()
    {
        AssertChanges("array", kindOne: true, kindTwo: true);
        var before = Identity(probes.Base, "KindOne");
        var after = Identity(probes.Variant("array"), "KindOne");
        Assert.NotEqual(before["Radiogenomics.Probe: Limits"], after["Radiogenomics.Probe: Limits"]);   // the .cctor's ldtoken carries the bytes
    }

    [Fact]
    public void AChangeInASecondProjectAssemblyReachedThroughACallReruns()
    {
        AssertChanges("library", kindOne: true, kindTwo: false);
        var changed = Identity(probes.Variant("library"), "KindOne");
        var before = Identity(probes.Base, "KindOne");
        Assert.Equal(["Radiogenomics.ProbeLib: Scale"], changed.Keys.Where(k => changed[k] != before.GetValueOrDefault(k)));
        AssertChanges("library-unused", kindOne: false, kindTwo: false);
    }

    [Fact]
    public void AnInterfaceImplementationReachedOnlyByConstructionReruns() => AssertChanges("implementation", kindOne: true, kindTwo: false);

    [Fact]
    public void APersistedClosureIsReusedWhileItsAssembliesAreUnchangedAndRecomputedWhenOneChanges()
    {
        string dir = probes.Variant("persisted");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(probes.Base, "*.dll")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)), overwrite: true);
        string store = Path.Combine(dir, "cache", "code-identity.json");
        string probe = Path.Combine(dir, "Radiogenomics.Probe.dll");
        var first = new TypeClosureIdentity(store).Persisted(probe, "Probe.KindOne");
        Assert.True(File.Exists(store));
        Assert.Equal(first, new TypeClosureIdentity(store).Persisted(probe, "Probe.KindOne"));

        // A planted entry proves the second process read the store instead of walking again.
        string planted = File.ReadAllText(store).Replace(first["Radiogenomics.Probe: A"], new string('0', 64));
        File.WriteAllText(store, planted);
        Assert.Equal(new string('0', 64), new TypeClosureIdentity(store).Persisted(probe, "Probe.KindOne")["Radiogenomics.Probe: A"]);

        // The library the walk read changes: the entry no longer holds, and the fresh walk sees the change.
        File.Copy(Path.Combine(probes.Variant("library"), "Radiogenomics.ProbeLib.dll"), Path.Combine(dir, "Radiogenomics.ProbeLib.dll"), overwrite: true);
        var after = new TypeClosureIdentity(store).Persisted(probe, "Probe.KindOne");
        Assert.Equal(first["Radiogenomics.Probe: A"], after["Radiogenomics.Probe: A"]);
        Assert.NotEqual(first["Radiogenomics.ProbeLib: Scale"], after["Radiogenomics.ProbeLib: Scale"]);
    }

    [Fact]
    public void AReferenceThatCannotBeResolvedFallsBackToTheWholeAssembly()
    {
        var identity = new TypeClosureIdentity();
        string dir = probes.Variant("library-missing");
        var one = identity.Closure(Path.Combine(dir, "Radiogenomics.Probe.dll"), "Probe.KindOne");
        Assert.Contains("Radiogenomics.ProbeLib", identity.Fallbacks.Keys);
        Assert.Contains("no type ProbeLib.Scale", identity.Fallbacks["Radiogenomics.ProbeLib"]);
        Assert.Equal(AssemblyDigest.Of(Path.Combine(dir, "Radiogenomics.ProbeLib.dll")), one["Radiogenomics.ProbeLib"]);
        Assert.DoesNotContain(one.Keys, k => k.StartsWith("Radiogenomics.ProbeLib: ", StringComparison.Ordinal));
        Assert.Contains("Radiogenomics.Probe: KindOne", one.Keys);   // the rest stays type-granular
    }
}

/// <summary>
/// Compiles Radiogenomics.Probe (kinds and the types they reach) and Radiogenomics.ProbeLib once per variant with
/// the SDK's own C# compiler, deterministic and with a portable PDB as the solution builds.
/// </summary>
public sealed class ProbeAssemblies : IDisposable
{
    private const string Library = """
        namespace ProbeLib;
        public static class Scale { public static double Factor(double x) => x * 2.0; }
        public static class Unused { public static double Other(double x) => x + 1.0; }
        """;

    private const string Probe = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        namespace Probe;
        //EXTRA
        public interface IModel { double Fit(double x); }
        public sealed class Impl : IModel { public double Fit(double x) => x * 3.0; }
        public static class Limits
        {
            public const double Cap = 10.0;
            public static readonly int[] Table = { 1, 2, 3, 4, 5, 6, 7, 8 };
        }
        public sealed class A { public double Run(double x) => x + 1.0; }
        public sealed class KindOne
        {
            public double Run(double x)
            {
                System.Func<double, double> f = v => v * 4.0;
                IModel model = new Impl();
                return new A().Run(f(x)) + model.Fit(x) + ProbeLib.Scale.Factor(x) + Limits.Cap + Limits.Table[2]
                    + string.Format("headline {0}", x).Length + Sum(x).Result + Count();
            }
            private static async Task<double> Sum(double x) { await Task.Yield(); return x * 5.0; }
            private static int Count() { int n = 0; foreach (var i in Items()) n += i; return n; }
            private static IEnumerable<int> Items() { yield return 1; yield return 2; }
        }
        public sealed class KindTwo { public double Run(double x) => x - 1.0; }
        """;

    /// <summary>Variant name → (Probe source, ProbeLib source).</summary>
    private static readonly Dictionary<string, (string Probe, string Library)> Variants = new()
    {
        ["base"] = (Probe, Library),
        ["body"] = (Probe.Replace("x + 1.0", "x + 2.0"), Library),
        // Before every other type, with a string literal: every row number and user-string offset after it shifts.
        // (An added static array initialiser would change <PrivateImplementationDetails>, which every closure includes.)
        ["unrelated"] = (Probe.Replace("//EXTRA", "public static class Extra { public static string Z() => \"new literal\" + 42; public sealed class Other { public int W() => 3; } }"),
            Library),
        ["lambda"] = (Probe.Replace("v * 4.0", "v * 4.5"), Library),
        ["async"] = (Probe.Replace("x * 5.0", "x * 5.5"), Library),
        ["iterator"] = (Probe.Replace("yield return 2;", "yield return 3;"), Library),
        ["constant"] = (Probe.Replace("Cap = 10.0", "Cap = 11.0"), Library),
        ["array"] = (Probe.Replace("1, 2, 3, 4,", "1, 2, 9, 4,"), Library),
        ["literal"] = (Probe.Replace("headline {0}", "Headline {0}"), Library),
        ["library"] = (Probe, Library.Replace("x * 2.0", "x * 2.5")),
        ["library-unused"] = (Probe, Library.Replace("x + 1.0", "x + 1.5")),
        ["implementation"] = (Probe.Replace("x * 3.0", "x * 3.5"), Library),
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-probes-" + Guid.NewGuid().ToString("N")[..10]);

    public ProbeAssemblies()
    {
        Directory.CreateDirectory(_root);
        var libraries = Variants.Values.Select(v => v.Library).Distinct().ToList();
        Parallel.ForEach(libraries.Select((source, i) => (source, i)), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            l => Compile(Path.Combine(_root, "lib" + l.i), "Radiogenomics.ProbeLib", l.source, []));
        Parallel.ForEach(Variants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, v =>
        {
            string dir = Path.Combine(_root, v.Key);
            string lib = Path.Combine(_root, "lib" + libraries.IndexOf(v.Value.Library), "Radiogenomics.ProbeLib.dll");
            Compile(dir, "Radiogenomics.Probe", v.Value.Probe, [lib]);
            File.Copy(lib, Path.Combine(dir, "Radiogenomics.ProbeLib.dll"));
        });
        // Compiled against a ProbeLib with Scale, deployed beside one without it: the reference cannot be resolved.
        string missing = Path.Combine(_root, "library-missing");
        Directory.CreateDirectory(missing);
        File.Copy(Path.Combine(_root, "base", "Radiogenomics.Probe.dll"), Path.Combine(missing, "Radiogenomics.Probe.dll"));
        Compile(missing, "Radiogenomics.ProbeLib", Library.Replace("public static class Scale", "public static class Renamed"), []);
    }

    public string Base => Variant("base");

    public string Variant(string name) => Path.Combine(_root, name);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static void Compile(string dir, string assembly, string source, string[] references)
    {
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, assembly + ".cs");
        File.WriteAllText(file, source);
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;   // …/shared/Microsoft.NETCore.App/<version>
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string csc = Directory.GetFiles(Path.Combine(dotnetRoot, "sdk"), "csc.dll", SearchOption.AllDirectories)
            .Where(p => p.Contains("bincore", StringComparison.Ordinal)).OrderDescending().First();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        foreach (var a in new[] { csc, "-nologo", "-noconfig", "-nostdlib", "-deterministic", "-optimize+", "-debug:portable", "-target:library",
                     "-pathmap:" + dir + "=/src", $"-out:{Path.Combine(dir, assembly + ".dll")}",
                     $"-r:{Path.Combine(runtime, "System.Private.CoreLib.dll")}", $"-r:{Path.Combine(runtime, "System.Runtime.dll")}", file }
                     .Concat(references.Select(r => "-r:" + r)))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string log = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"compiling {assembly} in {dir} failed:\n{log}");
    }
}
