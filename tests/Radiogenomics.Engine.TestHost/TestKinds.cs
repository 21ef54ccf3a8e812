using System.Collections.Concurrent;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.TestHost;

/// <summary>Test-only stage kinds. They write small text files so engine tests need no Parquet or science.</summary>
public static class TestKinds
{
    /// <summary>How many times each stage id executed in this process (tests assert cached vs executed with it).</summary>
    public static readonly ConcurrentDictionary<string, int> Executions = new();

    public static StageRegistry Registry(int version = 1) => new StageRegistry()
        .Add(new SourceKind(version)).Add(new TransformKind(version)).Add(new ConstantKind()).Add(new FailKind()).Add(new SlowKind()).Add(new ExclusiveKind()).Add(new WriterKind());

    internal static void Count(StageContext c) => Executions.AddOrUpdate(c.StageId, 1, (_, n) => n + 1);

    /// <summary>Concatenates its input files (path and content) with a prefix parameter.</summary>
    public sealed class SourceKind(int version) : StageKind
    {
        public override string Name => "test.source";
        public override int Version => version;
        public override string Summary => "Reads files and concatenates them.";
        public override IReadOnlyList<InputSlotSpec> Inputs => [new("data", "files to read"), new("extra", "optional files", Required: false)];
        public override IReadOnlyList<ParameterSpec> Parameters =>
        [
            ParameterSpec.String("prefix", "p", "text written first"),
            ParameterSpec.Number("alpha", 0.05, "a number"),
            ParameterSpec.Integer("count", 3, "an integer") with { Minimum = 0 },
            ParameterSpec.Boolean("flag", false, "a flag"),
            ParameterSpec.Choice("mode", "fast", "a choice", "fast", "exact"),
            ParameterSpec.Seed("seed", 42, "random seed"),
        ];
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "concatenated text", ".txt")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            using var w = new StreamWriter(c.Output("table"));
            w.WriteLine(c.Parameters.GetString("prefix"));
            foreach (var f in c.InputFiles("data")) w.WriteLine(f.RelativePath + ":" + File.ReadAllText(f.FullPath));
            c.Record("files", c.InputFiles("data").Count);
            c.Record("undefined", double.NaN); // e.g. a recall with nothing to recall: must not fail the finished stage
            return Task.CompletedTask;
        }
    }

    /// <summary>Upper-cases or reverses its upstream table; optionally sleeps to let tests interleave.</summary>
    public sealed class TransformKind(int version) : StageKind
    {
        public override string Name => "test.transform";
        public override int Version => version;
        public override string Summary => "Transforms an upstream table.";
        public override IReadOnlyList<string> Consumes => ["table"];
        public override IReadOnlyList<ParameterSpec> Parameters =>
            [ParameterSpec.Choice("op", "upper", "what to do", "upper", "reverse"), ParameterSpec.Integer("sleep_ms", 0, "delay")];
        public override IReadOnlyList<OutputSpec> Produces => [new("result", "transformed text", ".txt")];

        public override async Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            if (c.Parameters.GetInteger("sleep_ms") > 0) await Task.Delay((int)c.Parameters.GetInteger("sleep_ms"), ct);
            string text = File.ReadAllText(c.Input("table"));
            File.WriteAllText(c.Output("result"), c.Parameters.GetString("op") == "upper" ? text.ToUpperInvariant() : new string(text.Reverse().ToArray()));
            c.Report(1.0, "done");
        }
    }

    /// <summary>Reads its upstream but writes only its length class: different inputs, identical output (early cut-off).</summary>
    public sealed class ConstantKind : StageKind
    {
        public override string Name => "test.constant";
        public override int Version => 1;
        public override string Summary => "Writes whether the upstream is longer than 3 bytes.";
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "a constant", ".txt")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            File.WriteAllText(c.Output("table"), new FileInfo(c.Input("result")).Length > 3 ? "long" : "short");
            return Task.CompletedTask;
        }
    }

    /// <summary>Declares a process-wide resource held alone and counts how many executions overlap.</summary>
    public sealed class ExclusiveKind : StageKind
    {
        private static int running, maxConcurrent;

        public static int MaxConcurrent => Volatile.Read(ref maxConcurrent);
        public static void Reset() { running = 0; maxConcurrent = 0; }

        public override string Name => "test.exclusive";
        public override int Version => 1;
        public override string Summary => "Holds a process-wide resource for a moment.";
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "its id", ".txt")];
        public override StageResources Resources(ResolvedParameters parameters) => new() { Exclusive = ["test-exclusive"] };

        public override async Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            int now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref maxConcurrent)) < now && Interlocked.CompareExchange(ref maxConcurrent, now, seen) != seen) { }
            await Task.Delay(150, ct);
            Interlocked.Decrement(ref running);
            File.WriteAllText(c.Output("table"), c.StageId);
        }
    }

    /// <summary>Writes a file outside the cache for later stages (as fetch.synthetic writes its DICOM tree) and an index of it.</summary>
    public sealed class WriterKind : StageKind
    {
        public override string Name => "test.writer";
        public override int Version => 1;
        public override string Summary => "Writes generated/<stage>.txt and indexes it.";
        public override IReadOnlyList<OutputSpec> Produces => [new("index", "path and SHA-256 of the written file", ".txt")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            string path = Path.Combine(c.WorkspaceRoot, "generated", c.StageId + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "generated by " + c.StageId);
            var written = SourceFile.HashAll(c.WorkspaceRoot, [path], ct);
            c.RecordWrittenFiles(written);
            File.WriteAllText(c.Output("index"), $"{written[0].RelativePath}\t{written[0].Sha256}\n");
            return Task.CompletedTask;
        }
    }

    public sealed class FailKind : StageKind
    {
        public override string Name => "test.fail";
        public override int Version => 1;
        public override string Summary => "Always fails.";
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "never written", ".txt")];

        public override Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            File.WriteAllText(c.Output("table"), "partial");
            throw new FormatException("data/x.tsv: row 3: value 'abc' is not a number. Fix: replace it with a number or NA"); // as Data's DataProblemException reads
        }
    }

    /// <summary>Writes half its output, then waits for a release file (or forever): the crash test kills it here.</summary>
    public sealed class SlowKind : StageKind
    {
        public override string Name => "test.slow";
        public override int Version => 1;
        public override string Summary => "Writes slowly.";
        public override IReadOnlyList<ParameterSpec> Parameters => [ParameterSpec.String("release_file", "", "file whose existence lets it finish"), ParameterSpec.String("started_file", "", "file created once writing began")];
        public override IReadOnlyList<OutputSpec> Produces => [new("table", "slow output", ".txt")];

        public override async Task RunAsync(StageContext c, CancellationToken ct)
        {
            Count(c);
            using (var w = new StreamWriter(c.Output("table")))
            {
                await w.WriteLineAsync("first half");
                await w.FlushAsync(ct);
                if (c.Parameters.GetString("started_file") is { Length: > 0 } started) File.WriteAllText(started, "writing");
                string release = c.Parameters.GetString("release_file");
                while (release.Length > 0 && !File.Exists(release)) await Task.Delay(20, ct);
                await w.WriteLineAsync("second half");
            }
        }
    }
}
