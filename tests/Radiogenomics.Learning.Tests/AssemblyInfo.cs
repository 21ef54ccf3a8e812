global using Xunit;

// Seeds and thread counts are process-wide in libtorch, and the machine has few cores: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
