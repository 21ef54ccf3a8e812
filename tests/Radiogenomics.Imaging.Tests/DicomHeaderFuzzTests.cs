using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

/// <summary>
/// Issue 19 item 7 for DICOM: 10,000 files mutated in their header bytes (seeded, replayable by index) through
/// <see cref="DicomFile.ReadHeader"/> and, where the header reads, <see cref="DicomFile.ReadPixels"/> — as the DICOM
/// index and the preprocess stage read them. Each reads or fails with a <see cref="DicomFormatException"/> naming
/// the file, the reason and a fix; never another exception (and never an abort inside GDCM).
/// </summary>
public sealed class DicomHeaderFuzzTests
{
    // Explicit and implicit little endian, deflate, JPEG-LS, RLE and a structured report: GDCM's different parsers.
    private static readonly string[] Seeds = ["MR_small.dcm", "CT_small.dcm", "image_dfl.dcm", "MR_small_jpeg_ls_lossless.dcm", "SC_rgb_rle.dcm", "test-SR.dcm"];

    // Values that break length and VR fields: undefined length, huge, zero, odd, a VR that is not one.
    private static readonly byte[][] Tokens =
    [
        [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF], [0x00, 0x00, 0x00, 0x00], [0x01, 0x00], [0xFE, 0xFF, 0x00, 0xE0], [0xFE, 0xFF, 0xDD, 0xE0],
        "SQ"u8.ToArray(), "UN"u8.ToArray(), "OB"u8.ToArray(), "XX"u8.ToArray(), "DICM"u8.ToArray(), [0xE0, 0x7F, 0x10, 0x00], [0x02, 0x00, 0x10, 0x00],
    ];

    /// <summary>The <paramref name="index"/>-th input: a seed file with one to four mutations in its first 2 KiB (the header), or a cut tail.</summary>
    private static byte[] Generate(byte[][] seeds, int seed, int index)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + index)); // not HashCode.Combine: its per-process random seed makes inputs unreplayable
        var data = seeds[rng.Next(seeds.Length)].ToList();
        int mutations = 1 + rng.Next(4);
        for (int m = 0; m < mutations && data.Count > 0; m++)
        {
            int window = Math.Min(data.Count, 2048);
            int at = rng.Next(window);
            switch (rng.Next(6))
            {
                case 0: data[at] ^= (byte)(1 << rng.Next(8)); break;
                case 1: data[at] = (byte)rng.Next(256); break;
                case 2:
                    var token = Tokens[rng.Next(Tokens.Length)];
                    for (int k = 0; k < token.Length && at + k < data.Count; k++) data[at + k] = token[k];
                    break;
                case 3: data.InsertRange(at, Tokens[rng.Next(Tokens.Length)]); break;
                case 4: data.RemoveRange(at, Math.Min(1 + rng.Next(16), data.Count - at)); break;
                default:
                    int cut = Math.Min(132 + rng.Next(data.Count), data.Count); // a cut tail
                    data.RemoveRange(cut, data.Count - cut);
                    break;
            }
        }
        return data.ToArray();
    }

    [Fact]
    public void TenThousandMutatedHeadersReadOrNameTheProblem()
    {
        const int Runs = 10_000, Seed = 19;
        var seeds = Seeds.Select(name => File.ReadAllBytes(PydicomTestFiles.Path(name))).ToArray();
        using var temp = new TempDirectory();
        var crashes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int headers = 0, pixels = 0, problems = 0;
        // Parallel as the index reads; each worker its own file.
        Parallel.For(0, Runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            string path = temp.Combine($"fuzz-{i % 64:00}-{Environment.CurrentManagedThreadId}.dcm");
            var bytes = Generate(seeds, Seed, i);
            File.WriteAllBytes(path, bytes);
            try
            {
                var header = DicomFile.ReadHeader(path);
                Interlocked.Increment(ref headers);
                if (header.HasPixelData)
                {
                    var image = DicomFile.ReadPixels(path);
                    long expected = (long)header.Rows * header.Columns * header.NumberOfFrames * header.SamplesPerPixel;
                    if (image.StoredValues.Length != expected)
                        crashes.Enqueue($"input {i}: {image.StoredValues.Length} pixel values where the header says {expected}");
                    Interlocked.Increment(ref pixels);
                }
            }
            catch (DicomFormatException e)
            {
                Interlocked.Increment(ref problems);
                if (e.FilePath != path || e.Reason.Length == 0 || e.Fix.Length == 0)
                    crashes.Enqueue($"input {i}: a problem without file, reason or fix: {e.Message}");
            }
            catch (Exception e)
            {
                crashes.Enqueue($"input {i} (seed {Seed}): {e.GetType().Name}: {e.Message}");
            }
        });
        Assert.True(crashes.IsEmpty, $"{crashes.Count} of {Runs} files crashed the reader; first:\n{string.Join("\n", crashes.Take(5))}");
        Assert.True(headers > 500 && problems > 500, $"the mutator should produce both kinds: {headers} headers read ({pixels} with pixels), {problems} problems");
    }
}
