using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Radiogenomics.Learning;

namespace Radiogenomics.Bench;

/// <summary>
/// Training speed of the convolutional denoising autoencoder on the CPU (DenoisingAutoencoder through the
/// libtorch bridge) as a ratio against the same architecture and training loop in PyTorch (Debian's
/// python3-torch: the same libtorch 1.13), same images, thread count, batch size and epochs, on this machine.
/// Each side runs in a fresh child process with the same environment (OMP_WAIT_POLICY included), one
/// untimed warm-up epoch, then the timed epochs; the sides alternate which goes first on each repeat.
/// The kernel-time share and minor page faults per batch (timed epochs, from /proc/self/stat) show how often
/// glibc handed a step's multi-megabyte activations back to the kernel only to fault them in again on the next
/// step: the main cause of run-to-run spread on both sides, and the one cost that is not libtorch's compute.
/// Both sides train extract.dae's default recipe (output bias = logit of the mean pixel, its activation and batch
/// size) from the same seeds: weights from seed 42, shuffling and noise from SplitMix64(42) as the bridge derives
/// them. Their final losses must then agree to float rounding; a speed ratio is printed only when they do
/// (relative difference ≤ 1e-6), since a faster side that learns something else proves nothing.
/// </summary>
public static class DaeTrainingBenchmark
{
    public const string AptCommand = "apt-get install -y --no-install-recommends python3-torch";
    public const int Side = 64;
    private const ulong Seed = 42;

    /// <summary>extract.dae's default activation and batch size: the benchmark trains what the stage trains.</summary>
    public const string DefaultActivation = "leaky_relu";

    public const int DefaultBatchSize = 16;

    /// <summary>extract.dae's default weight averaging (both sides keep the average; the training loss does not depend on it).</summary>
    public const double AverageDecay = 0.98;

    /// <param name="Environment">Variables set for both children (OMP_WAIT_POLICY, GLIBC_TUNABLES, ...); everything else is inherited.</param>
    public sealed record Options(
        int Images, int Epochs, int[] Threads, string Preset, int Repeats, IReadOnlyDictionary<string, string> Environment, string Python,
        bool RequireReference, string Dir, string Caller = "pool", string Activation = "relu", int BatchSize = 64);

    /// <summary>Largest relative difference of the two final losses for which the speeds are compared.</summary>
    public const double LossTolerance = 1e-6;

    /// <summary>The parent: writes the images, runs both sides per thread count and prints the table.</summary>
    public static int Run(Options o)
    {
        try
        {
            return Measure(o);
        }
        catch (Exception e) when (e is ChildFailedException or ArgumentException)
        {
            Console.Error.WriteLine($"DAE training benchmark failed: {e.Message}");
            return 1;
        }
        finally
        {
            if (Directory.Exists(o.Dir)) Directory.Delete(o.Dir, recursive: true);
        }
    }

    private static int Measure(Options o)
    {
        if (o.Preset is not ("published" or "seed-code")) throw new ArgumentException($"--preset must be published or seed-code, not '{o.Preset}'");
        if (o.Caller is not ("pool" or "main")) throw new ArgumentException($"--caller must be pool or main, not '{o.Caller}'");
        if (o.Images <= 0 || o.Epochs <= 0 || o.Repeats <= 0 || o.BatchSize <= 0 || o.Threads.Length == 0 || o.Threads.Any(t => t <= 0))
            throw new ArgumentException("--images, --epochs, --repeats, --batch-size and every --threads entry must be positive");
        if (o.Activation is not ("relu" or "leaky_relu")) throw new ArgumentException($"--activation must be relu or leaky_relu, not '{o.Activation}'");
        Directory.CreateDirectory(o.Dir);
        string file = Path.Combine(o.Dir, $"dae-{o.Images}.f32");
        var images = Blobs(o.Images, seed: 5);
        WriteImages(file, images);
        double meanPixel = images.Average(v => (double)v);
        string outputBias = AutoencoderConfig.OutputBiasFor(meanPixel).ToString("R", CultureInfo.InvariantCulture);
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch", "dae_bench.py");
        string self = typeof(DaeTrainingBenchmark).Assembly.Location;
        string policy = o.Environment.TryGetValue("OMP_WAIT_POLICY", out var set) ? $"{set} (set for both)"
            : Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } inherited ? $"{inherited} (inherited by both)"
            : "unset for both (libgomp default: spin a while, then sleep)";
        string extra = string.Concat(o.Environment.Where(e => e.Key != "OMP_WAIT_POLICY").Select(e => $", {e.Key}={e.Value} for both"));

        string? missing = CheckReference(o.Python);
        Console.WriteLine($"DAE training benchmark: {o.Preset} preset, {o.Activation}, output bias {outputBias} (logit of the mean pixel), weight averaging {AverageDecay}, {o.Images} synthetic {Side}×{Side} images, batch {o.BatchSize}, " +
                          $"{o.Epochs} timed epochs after 1 warm-up, threads {string.Join(",", o.Threads)}, {Environment.ProcessorCount} cores, " +
                          $"OMP_WAIT_POLICY {policy}{extra}, median of {o.Repeats} run(s) per side");
        Console.WriteLine($"ours: DenoisingAutoencoder through the libtorch bridge, trained on {(o.Caller == "pool" ? "a thread-pool thread, as extract.dae runs" : "the main thread")}; " +
                          $"PyTorch: bench/pytorch/dae_bench.py under {o.Python}, same model, loop, images, seeds and thread count");
        if (missing is not null)
        {
            Console.WriteLine($"no PyTorch reference: {missing}");
            Console.WriteLine($"  install it (Debian's build of the same libtorch 1.13) as root: {AptCommand}");
        }

        Console.WriteLine();
        Console.WriteLine("| threads | final loss ours / PyTorch | relative difference | ours images/s | PyTorch images/s | ratio ours/PyTorch | goal | runs ours / PyTorch | kernel CPU share ours / PyTorch | page faults per batch ours / PyTorch | load avg (1 min) before each run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        bool belowGoal = false, lossesDiffer = false;
        foreach (int threads in o.Threads)
        {
            var ours = new List<double>();
            var reference = new List<double>();
            double oursLoss = double.NaN, referenceLoss = double.NaN;
            var kernelShare = (Ours: new List<double>(), Reference: new List<double>());
            var faults = (Ours: new List<double>(), Reference: new List<double>());
            var loads = new List<double>();
            for (int r = 0; r < o.Repeats; r++)
            {
                // Alternate the order so that a drift in machine load does not always favour one side.
                foreach (bool oursNow in r % 2 == 0 ? new[] { true, false } : new[] { false, true })
                {
                    if (!oursNow && missing is not null) continue;
                    loads.Add(LoadAverage());
                    string[] common = ["--file", file, "--images", Str(o.Images), "--epochs", Str(o.Epochs), "--threads", Str(threads), "--preset", o.Preset,
                        "--activation", o.Activation, "--batch-size", Str(o.BatchSize), "--output-bias", outputBias,
                        "--average-decay", AverageDecay.ToString("R", CultureInfo.InvariantCulture)];
                    var result = oursNow ? Child("dotnet", [self, "dae-ours", .. common, "--caller", o.Caller], o.Environment) : Child(o.Python, [script, .. common], o.Environment);
                    (oursNow ? ours : reference).Add(result.GetProperty("images_per_second").GetDouble());
                    if (result.TryGetProperty("system_seconds", out var sys) && result.TryGetProperty("user_seconds", out var user) && sys.GetDouble() + user.GetDouble() > 0)
                        (oursNow ? kernelShare.Ours : kernelShare.Reference).Add(sys.GetDouble() / (sys.GetDouble() + user.GetDouble()));
                    if (result.TryGetProperty("minor_faults", out var minor))
                        (oursNow ? faults.Ours : faults.Reference).Add(minor.GetDouble() / (o.Epochs * Math.Ceiling(o.Images / (double)o.BatchSize)));
                    if (oursNow) oursLoss = result.GetProperty("final_loss").GetDouble();
                    else referenceLoss = result.GetProperty("final_loss").GetDouble();
                }
            }

            double oursMedian = Median(ours);
            string referenceCell = reference.Count > 0 ? $"{Median(reference):N1}" : "not installed";
            string ratioCell = "";
            double lossGap = Math.Abs(oursLoss - referenceLoss) / Math.Max(Math.Abs(referenceLoss), double.Epsilon);
            if (reference.Count > 0 && lossGap <= LossTolerance)
            {
                double ratio = oursMedian / Median(reference);
                belowGoal |= ratio < 1.0;
                ratioCell = $"{ratio:0.00}";
            }
            else if (reference.Count > 0)
            {
                lossesDiffer = true;
                ratioCell = "— (losses differ)";
            }

            string runs = $"{string.Join(" ", ours.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))} / {string.Join(" ", reference.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}";
            string gapCell = reference.Count > 0 ? lossGap.ToString("0.0e0", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"| {threads} | {Cell([oursLoss], "G9")} / {Cell([referenceLoss], "G9")} | {gapCell} | {oursMedian:N1} | {referenceCell} | {ratioCell} | ≥ 1.0 | {runs} | {Cell(kernelShare.Ours, "P0")} / {Cell(kernelShare.Reference, "P0")} | {Cell(faults.Ours, "N0")} / {Cell(faults.Reference, "N0")} | {string.Join(" ", loads.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)))} |");
        }

        if (lossesDiffer) Console.WriteLine($"\nthe final losses differ by more than {LossTolerance:0e0} (relative) for at least one thread count: no speed ratio is reported there");
        if (belowGoal) Console.WriteLine("\nbelow the goal of 1.0 for at least one thread count");
        return missing is not null && o.RequireReference ? 2 : 0;
    }

    /// <summary>The benchmark's images as raw little-endian float32, N × 1 × 64 × 64.</summary>
    public static void WriteImages(string file, int images) => WriteImages(file, Blobs(images, seed: 5));

    private static void WriteImages(string file, float[] images) => File.WriteAllBytes(file, MemoryMarshal.AsBytes(images.AsSpan()).ToArray());

    /// <summary>
    /// The child for our side: `bench dae-ours --file F --images N --epochs E --threads T --preset P [--caller main|pool]`;
    /// prints one JSON line. The caller is the thread that creates and trains the model: the process's main thread, or a
    /// thread-pool thread as when the engine runs extract.dae (Task.Run); glibc gives the latter its own malloc arena.
    /// </summary>
    public static int RunOurs(string file, int images, int epochs, int threads, string preset, string caller, string activation = "relu", int batchSize = 64, double outputBias = 0, double averageDecay = 0)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length != (long)images * Side * Side * sizeof(float)) throw new ArgumentException($"{file}: expected {images} images of {Side}×{Side} float32, found {bytes.Length} bytes");
        float[] data = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return caller switch
        {
            "main" => TrainOurs(data, images, epochs, threads, preset, caller, activation, batchSize, outputBias, averageDecay),
            "pool" => Task.Run(() => TrainOurs(data, images, epochs, threads, preset, caller, activation, batchSize, outputBias, averageDecay)).GetAwaiter().GetResult(),
            _ => throw new ArgumentException($"--caller must be main or pool, not '{caller}'"),
        };
    }

    private static int TrainOurs(float[] data, int images, int epochs, int threads, string preset, string caller, string activation, int batchSize, double outputBias, double averageDecay)
    {
        var config = (preset == "seed-code" ? AutoencoderConfig.SeedCode : AutoencoderConfig.Published) with
        {
            Seed = Seed,
            BatchSize = batchSize,
            OutputBias = outputBias,
            Activation = activation == "leaky_relu" ? AutoencoderActivation.LeakyRelu : AutoencoderActivation.Relu,
            AverageDecay = averageDecay,
        };

        TorchRuntime.SetFlushDenormals(true); // the default, stated: the reference sets it too
        TorchRuntime.ThreadCount = threads;
        using var model = DenoisingAutoencoder.Create(config, TorchDevice.Cpu);
        // A per-batch progress callback, as the extract.dae stage passes one; it costs one reverse P/Invoke per batch.
        var progress = new CountingProgress();
        var clock = Stopwatch.StartNew();
        double warmupLoss = model.TrainEpoch(data, progress);
        double warmupSeconds = clock.Elapsed.TotalSeconds;
        var losses = new List<double>();
        var epochSeconds = new List<double>();
        var before = ProcessCounters.Read();
        clock.Restart();
        for (int e = 0; e < epochs; e++)
        {
            losses.Add(model.TrainEpoch(data, progress));
            epochSeconds.Add(clock.Elapsed.TotalSeconds - epochSeconds.Sum());
        }

        double seconds = clock.Elapsed.TotalSeconds;
        var after = ProcessCounters.Read();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["implementation"] = "radiogenomics",
            ["torch"] = TorchRuntime.TorchVersion,
            ["threads"] = TorchRuntime.ThreadCount,
            ["preset"] = preset,
            ["caller"] = caller,
            ["images"] = images,
            ["epochs"] = epochs,
            ["seconds"] = seconds,
            ["images_per_second"] = images * (double)epochs / seconds,
            ["warmup_seconds"] = warmupSeconds,
            ["epoch_seconds"] = epochSeconds,
            ["warmup_loss"] = warmupLoss,
            ["final_loss"] = losses[^1],
            ["batches_reported"] = progress.Batches,
            ["user_seconds"] = after.UserSeconds - before.UserSeconds,
            ["system_seconds"] = after.SystemSeconds - before.SystemSeconds,
            ["minor_faults"] = after.MinorFaults - before.MinorFaults,
        }));
        return 0;
    }

    /// <summary>Smooth 64×64 images in [0, 1]: one to three Gaussian blobs of varied size, position and brightness (deterministic).</summary>
    public static float[] Blobs(int count, int seed)
    {
        var random = new Random(seed);
        var images = new float[count * Side * Side];
        for (int n = 0; n < count; n++)
        {
            var image = images.AsSpan(n * Side * Side, Side * Side);
            int blobs = random.Next(1, 4);
            for (int b = 0; b < blobs; b++)
            {
                double centreRow = 8 + random.NextDouble() * 48, centreColumn = 8 + random.NextDouble() * 48;
                double sigma = 2.5 + random.NextDouble() * 9, brightness = 0.4 + random.NextDouble() * 0.6;
                for (int row = 0; row < Side; row++)
                {
                    for (int column = 0; column < Side; column++)
                    {
                        double d2 = (row - centreRow) * (row - centreRow) + (column - centreColumn) * (column - centreColumn);
                        image[row * Side + column] += (float)(brightness * Math.Exp(-d2 / (2 * sigma * sigma)));
                    }
                }
            }

            foreach (ref float value in image) value = Math.Min(value, 1f);
        }

        return images;
    }

    /// <summary>Null when <paramref name="python"/> imports torch; otherwise why not.</summary>
    private static string? CheckReference(string python)
    {
        try
        {
            var psi = new ProcessStartInfo(python, ["-c", "import torch; print(torch.__version__)"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string error = p.StandardError.ReadToEnd();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : $"{python} cannot import torch ({error.Trim().Split('\n').LastOrDefault()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"{python} not found";
        }
    }

    private static JsonElement Child(string file, string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        using var p = Process.Start(psi)!;
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        string last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (p.ExitCode != 0 || !last.StartsWith('{'))
        {
            // The first lines of an unhandled .NET exception or a Python traceback's last ones carry the message.
            var lines = (output + "\n" + error.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            throw new ChildFailedException($"{Path.GetFileName(file)} {string.Join(" ", arguments.Select(Path.GetFileName))} exited with {p.ExitCode}:\n  " +
                                           string.Join("\n  ", lines.Take(3).Concat(lines.Length > 6 ? ["..."] : []).Concat(lines.Skip(3).TakeLast(3))));
        }
        return JsonDocument.Parse(last).RootElement.Clone();
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    private static double Median(List<double> xs)
    {
        if (xs.Count == 0) return double.NaN;
        var sorted = xs.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The median of the values, formatted; "–" where there is none.</summary>
    private static string Cell(List<double> values, string format) =>
        values.Where(v => !double.IsNaN(v)).ToList() is { Count: > 0 } known ? Median(known).ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>CPU times and minor page faults of this process from /proc/self/stat (zeros where there is none); the Python side reads the same.</summary>
    private readonly record struct ProcessCounters(double UserSeconds, double SystemSeconds, long MinorFaults)
    {
        public static ProcessCounters Read()
        {
            try
            {
                var stat = File.ReadAllText("/proc/self/stat");
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // f[0] is field 3 (state)
                const double ticks = 100.0; // USER_HZ on Linux
                return new ProcessCounters(long.Parse(f[11], CultureInfo.InvariantCulture) / ticks, long.Parse(f[12], CultureInfo.InvariantCulture) / ticks,
                    long.Parse(f[7], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                return default;
            }
        }
    }

    private sealed class ChildFailedException(string message) : Exception(message);

    private sealed class CountingProgress : IProgress<TrainingProgress>
    {
        public long Batches { get; private set; }

        public void Report(TrainingProgress value) => Batches++;
    }
}
