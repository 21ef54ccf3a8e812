namespace Radiogenomics.Engine.Execution.Slurm;

/// <summary>One array task as <c>scontrol show job -o</c> lists it: its index, state and exit code (exit:signal).</summary>
public sealed record SlurmTask(int Index, string State, int ExitCode, int Signal, string? Node)
{
    private static readonly HashSet<string> Terminal =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED"];

    /// <summary>Finished for good (COMPLETING is not: the job's processes may still be writing).</summary>
    public bool Done => Terminal.Contains(State);

    /// <summary>
    /// Parses <c>scontrol show job -o</c> output: one line per record; a pending part of an array is one record with a
    /// range (<c>ArrayTaskId=3-7</c>), which is not reported (its tasks are simply not done yet).
    /// </summary>
    public static List<SlurmTask> Parse(string output)
    {
        var tasks = new List<SlurmTask>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
            if (!fields.TryGetValue("ArrayTaskId", out var id) || !int.TryParse(id, out int index)) continue;
            string state = fields.GetValueOrDefault("JobState", "UNKNOWN");
            var exit = fields.GetValueOrDefault("ExitCode", "0:0").Split(':');
            string? node = fields.GetValueOrDefault("BatchHost") ?? fields.GetValueOrDefault("NodeList");
            tasks.Add(new SlurmTask(index, state, int.TryParse(exit[0], out int code) ? code : -1, exit.Length > 1 && int.TryParse(exit[1], out int sig) ? sig : 0,
                node is "(null)" ? null : node));
        }
        return tasks;
    }
}
