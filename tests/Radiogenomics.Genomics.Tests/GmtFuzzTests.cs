using Radiogenomics.TestSupport;

namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Issue 19 item 7: 10,000 mutated GMT files (seeded, replayable by index) through <see cref="GmtFile"/>. Each either
/// reads into named, non-empty sets or fails with a <see cref="FormatException"/> naming the file, the line and a fix.
/// The text is decoded as <see cref="GmtFile.Read"/> decodes a file (UTF-8, invalid bytes replaced).
/// </summary>
public sealed class GmtFuzzTests
{
    private static readonly string[] Seeds =
    [
        "HALLMARK_E2F_TARGETS\thttp://www.gsea-msigdb.org/\tAURKA\tBUB1\tCCNB1\tCDK1\n# comment\nECM_SET\tna\tCOL1A1\tCOL1A2\tFN1\n",
        "SET_A\tdescription\tG1\tG2\t\tG3\nSET_B\t\tG2\n\nSET_C\tx\tG4\tG5\tG6\tG7\n",
    ];

    private static readonly string[] Tokens = ["\t", "\t\t", "\n", "\r\n", "#", " ", "SET_A", "SET_B", "", "\u00e9", "\"", ",", "NA"];

    [Fact]
    public void TenThousandMutatedGmtFilesReadOrNameTheLine()
    {
        const int Runs = 10_000, Seed = 19;
        var mutator = new InputMutator(Seeds, Tokens);
        var crashes = new List<string>();
        int read = 0, problems = 0;
        for (int i = 0; i < Runs; i++)
        {
            var bytes = mutator.Generate(Seed, i);
            try
            {
                using var reader = new StreamReader(new MemoryStream(bytes));
                var sets = GmtFile.Parse(reader, "sets.gmt");
                foreach (var set in sets)
                    if (set.Name.Trim().Length == 0 || set.Genes.Count == 0)
                        crashes.Add($"input {i}: read a set without a name or genes ('{set.Name}', {set.Genes.Count} genes)");
                read++;
            }
            catch (FormatException e)
            {
                problems++;
                if (!e.Message.StartsWith("sets.gmt: line ", StringComparison.Ordinal) || !e.Message.Contains("Fix: "))
                    crashes.Add($"input {i}: a problem without file, line or fix: {e.Message}");
            }
            catch (Exception e)
            {
                crashes.Add($"input {i} (seed {Seed}): {e.GetType().Name}: {e.Message}\n---\n{System.Text.Encoding.UTF8.GetString(bytes)}\n---");
            }
        }
        Assert.True(crashes.Count == 0, $"{crashes.Count} of {Runs} GMT files were mishandled; first:\n{string.Join("\n", crashes.Take(3))}");
        Assert.True(read > 100 && problems > 100, $"the mutator should produce both kinds: {read} read, {problems} problems");
    }
}
