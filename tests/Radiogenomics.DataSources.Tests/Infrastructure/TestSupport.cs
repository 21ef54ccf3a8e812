using System.Security.Cryptography;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Shared helpers: fast retry settings, fixtures, deterministic payloads.</summary>
internal static class TestSupport
{
    /// <summary>Retries without the production waits, so failure paths run in milliseconds.</summary>
    public static ArchiveClientOptions FastOptions(Uri baseAddress, Action<RetryNotice>? onRetry = null) => new()
    {
        BaseAddress = baseAddress,
        Retry = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        RateLimiter = RequestRateLimiter.Unlimited,
        RequestTimeout = TimeSpan.FromSeconds(10),
        ReadIdleTimeout = TimeSpan.FromSeconds(10),
        OnRetry = onRetry,
    };

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Payload(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>IProgress that runs inline (Progress&lt;T&gt; posts to the thread pool, too late for assertions).</summary>
    public sealed class InlineProgress<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
