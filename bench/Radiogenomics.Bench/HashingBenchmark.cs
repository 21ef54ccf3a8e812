using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Hashing;

namespace Radiogenomics.Bench;

/// <summary>
/// Hashing alone, as a first run does it (the stat cache reading every file of a tree on all cores), against
/// <c>openssl speed -evp sha256 -bytes 1048576 -multi N</c> in the same run: the machine's SHA-256 limit on the same
/// cores, whatever SHA extensions the CPU has. Also times the former read path (a 1 MiB-buffered FileStream handed to
/// <c>SHA256.HashData(Stream)</c>, which hashes in 4 KiB pieces) on the same tree, so the gain of the read path is
/// measured rather than assumed, and the read path alone, so the stat cache's own cost (two stats and a lookup per file) shows. The tree is read once before timing, so every variant reads the warm page cache.
/// </summary>
public static class HashingBenchmark
{
    public sealed record Result(double Gigabytes, double EngineSeconds, double ReadPathSeconds, double FormerSeconds, double? OpenSslBytesPerSecond, string Load)
    {
        public double EngineRate => Gigabytes / EngineSeconds;
        public double ReadPathRate => Gigabytes / ReadPathSeconds;
        public double FormerRate => Gigabytes / FormerSeconds;
    }

    /// <summary>
    /// Times the engine, the former path and openssl interleaved, <paramref name="rounds"/> times each, and keeps each one's
    /// best round (the least disturbed by other load on a shared machine).
    /// </summary>
    public static Result Measure(IReadOnlyList<string> files, string scratch, int rounds)
    {
        int threads = Environment.ProcessorCount;
        double bytes = files.Sum(f => (double)new FileInfo(f).Length);
        Former(files, threads); // warm the page cache and the JIT
        double engine = double.MaxValue, readPath = double.MaxValue, former = double.MaxValue;
        double? openssl = null;
        for (int r = 0; r < rounds; r++)
        {
            string statCachePath = Path.Combine(scratch, $"hash-bench-statcache-{r}.tsv");
            var clock = Stopwatch.StartNew();
            new StatCache(statCachePath).HashAll(files, threads); // a fresh stat cache: every file is read, as on a first run
            engine = Math.Min(engine, clock.Elapsed.TotalSeconds);
            clock.Restart();
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => Sha256Hex.OfFile(files[i]));
            readPath = Math.Min(readPath, clock.Elapsed.TotalSeconds);
            clock.Restart();
            Former(files, threads);
            former = Math.Min(former, clock.Elapsed.TotalSeconds);
            if (OpenSslSha256BytesPerSecond(threads) is { } limit) openssl = Math.Max(openssl ?? 0, limit);
        }
        return new Result(bytes / 1e9, engine, readPath, former, openssl, LoadAverage());
    }

    public static void Print(Result r)
    {
        int threads = Environment.ProcessorCount;
        Console.WriteLine(r.OpenSslBytesPerSecond is { } limit
            ? $"| hashing only ({threads} threads, {r.Gigabytes:0.00} GB) | {r.EngineRate:0.00} GB/s | openssl speed -evp sha256 -multi {threads} (1 MiB blocks): {limit / 1e9:0.00} GB/s | {r.EngineRate * 1e9 / limit:P0} of it | ≥ 70 % |"
            : $"| hashing only ({threads} threads, {r.Gigabytes:0.00} GB) | {r.EngineRate:0.00} GB/s | openssl not found: no reference | | ≥ 70 % |");
        Console.WriteLine(r.OpenSslBytesPerSecond is { } limit1
            ? $"| its read path alone (Sha256Hex.OfFile, no stat cache) | {r.ReadPathRate:0.00} GB/s | the same openssl figure | {r.ReadPathRate * 1e9 / limit1:P0} of it | |"
            : $"| its read path alone (Sha256Hex.OfFile, no stat cache) | {r.ReadPathRate:0.00} GB/s | | | |");
        Console.WriteLine(r.OpenSslBytesPerSecond is { } limit2
            ? $"| former read path (FileStream + SHA256.HashData(Stream)) | {r.FormerRate:0.00} GB/s | the same openssl figure | {r.FormerRate * 1e9 / limit2:P0} of it | |"
            : $"| former read path (FileStream + SHA256.HashData(Stream)) | {r.FormerRate:0.00} GB/s | | | |");
        Console.WriteLine($"(load average while measuring: {r.Load})");
    }

    /// <summary>The read path the engine used before: FileStream with a 1 MiB buffer, SHA256.HashData(Stream).</summary>
    private static void Former(IReadOnlyList<string> files, int threads) =>
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            using var stream = new FileStream(files[i], FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan);
            SHA256.HashData(stream);
        });

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>`openssl speed -evp sha256 -bytes 1048576 -seconds 3 -multi N` ends with "sha256  &lt;thousands of bytes per second&gt;k".</summary>
    public static double? OpenSslSha256BytesPerSecond(int processes)
    {
        try
        {
            var psi = new ProcessStartInfo("openssl", $"speed -evp sha256 -bytes 1048576 -seconds 3 -multi {processes}")
            {
                UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            stderr.Wait();
            p.WaitForExit();
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("sha256", StringComparison.Ordinal));
            if (last?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } value && value.EndsWith('k')
                && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double thousands))
                return thousands * 1000;
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
