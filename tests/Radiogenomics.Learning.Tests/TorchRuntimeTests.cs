namespace Radiogenomics.Learning.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void ReportsTheLibtorchVersion()
    {
        var version = TorchRuntime.TorchVersion;
        Assert.Matches(@"^\d+\.\d+", version);
    }

    [Fact]
    public void DeviceQueryWorksWithOrWithoutAGpu()
    {
        var count = TorchRuntime.CudaDeviceCount;
        Assert.Equal(count > 0, TorchRuntime.IsCudaAvailable);
        for (var i = 0; i < count; i++)
        {
            Assert.False(string.IsNullOrWhiteSpace(TorchRuntime.GetCudaDeviceName(i)));
        }

        var missing = Assert.Throws<TorchBridgeException>(() => TorchRuntime.GetCudaDeviceName(count));
        Assert.Equal(TorchBridgeStatus.DeviceUnavailable, missing.Status);
    }

    [Fact]
    public void AutoDeviceFallsBackToTheCpuAndCudaIsRefusedWithoutOne()
    {
        using var model = DenoisingAutoencoder.Create(AutoencoderConfig.Published with { Seed = 1 }, TorchDevice.Auto);
        Assert.Equal(TorchRuntime.IsCudaAvailable ? "cuda:0" : "cpu", model.Device);

        if (!TorchRuntime.IsCudaAvailable)
        {
            var refused = Assert.Throws<TorchBridgeException>(
                () => DenoisingAutoencoder.Create(AutoencoderConfig.Published, TorchDevice.Cuda()));
            Assert.Equal(TorchBridgeStatus.DeviceUnavailable, refused.Status);
            Assert.Contains("CUDA is not available", refused.Message);
        }
    }

    [Fact]
    public async Task ThreadCountRoundTrips()
    {
        var before = TorchRuntime.ThreadCount;
        try
        {
            TorchRuntime.ThreadCount = 1;
            Assert.Equal(1, TorchRuntime.ThreadCount);
            Assert.Equal(1, await Task.Run(() => TorchRuntime.ThreadCount, TestContext.Current.CancellationToken));  // applies on other threads too
            var refused = Assert.Throws<TorchBridgeException>(() => TorchRuntime.ThreadCount = 0);
            Assert.Equal(TorchBridgeStatus.InvalidArgument, refused.Status);
        }
        finally
        {
            TorchRuntime.ThreadCount = before;
        }
    }

    [Fact]
    public void ModelsWithoutASeedDrawItFromTheRuntimeSeed()
    {
        TorchRuntime.SetSeed(99);
        using var first = DenoisingAutoencoder.Create(AutoencoderConfig.Published, TorchDevice.Cpu);
        TorchRuntime.SetSeed(99);
        using var second = DenoisingAutoencoder.Create(AutoencoderConfig.Published, TorchDevice.Cpu);
        Assert.Equal(first.Seed, second.Seed);
        Assert.Equal(first.GetParameter("encoder.0.weight"), second.GetParameter("encoder.0.weight"));
    }
}
