using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Learning;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>extract.torchscript</c>: features from a user-supplied pretrained CNN exported as TorchScript
/// (<c>torch.jit.script</c> or <c>torch.jit.trace</c>), as Liu et al. 2024 did with GoogLeNet and ResNet50.
/// Each preprocessed grey image is resized to the network's input size (Lanczos-3 when shrinking), copied into
/// every input channel and normalised with the ImageNet mean and SD (torchvision's convention), then the output
/// of <c>layer</c> is flattened per image. <c>layer</c> names a top-level child: the children run in registration
/// order up to it (ResNet: conv1 … layer4, avgpool), so models whose forward is not such a chain are exported with
/// a wrapper whose forward returns the wanted features, and <c>layer: ""</c> takes that forward.
/// </summary>
public sealed class ExtractTorchScriptStage : TableStageKind<ExtractTorchScriptOptions>
{
    public override string Name => "extract.torchscript";
    public override int Version => 1;
    public override string Summary => "Features from a pretrained TorchScript CNN (a named layer's output per image; grey → 3 channels, ImageNet normalisation).";
    public override IReadOnlyList<string> Consumes => ["tensors"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<InputSlotSpec> Inputs =>
        [new("model", "the TorchScript archive (.pt), e.g. torch.jit.script(torchvision.models.resnet50(weights='DEFAULT').eval()).save('resnet50.pt')")];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "image_id, patient_id, <layer>_0001…: the layer's flattened output per image (channel-major)"),
        new("patient_features", "patient_id and the mean of each feature over the patient's images"),
        new("feature_map", "feature, index (1-based), channel, row, column (0-based) of every feature column"),
    ];

    public override Task RunAsync(StageContext context, ExtractTorchScriptOptions options, CancellationToken cancellationToken)
    {
        var modelFile = context.InputFiles("model").Single();
        string? layer = options.Layer is { Length: > 0 } l ? l : null;
        int channels = options.Channels;
        bool imagenet = options.Normalization switch { InputNormalization.Imagenet => true, InputNormalization.None => false };
        if (imagenet && channels != 3)
            throw new DataProblemException(context.StageId, "normalization: imagenet", $"the ImageNet statistics are for 3 channels, not {channels}", "use channels: 3 or normalization: none");

        context.Report(0.0, "reading tensors");
        var tensors = DaeTensors.Read(context.Input("tensors"));
        int side = options.InputSize > 0 ? options.InputSize : tensors.Side;
        int batch = options.BatchSize;
        int previousThreads = TorchRuntime.ThreadCount;
        int threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        try
        {
            TorchRuntime.ThreadCount = threads;
            TorchScriptModel model;
            try
            {
                model = TorchScriptModel.Load(modelFile.FullPath, context.Device == "cuda" ? TorchDevice.Cuda() : TorchDevice.Cpu);
            }
            catch (TorchBridgeException e)
            {
                throw new DataProblemException(modelFile.RelativePath, "model", e.Message.Split('\n')[0], "export the model with torch.jit.script(model).save(path) or torch.jit.trace");
            }
            using (model)
            {
                if (layer is not null && model.Children.All(c => c.Name != layer))
                    throw new DataProblemException(modelFile.RelativePath, $"layer '{layer}'", "is not a top-level child of the model",
                        $"use one of {string.Join(", ", model.Children.Select(c => c.Name))}, or layer: \"\" for the forward output");
                IReadOnlyList<int> shape;
                try { shape = model.GetFeatureShape(layer, channels, side, side); }
                catch (TorchBridgeException e)
                {
                    throw new DataProblemException(modelFile.RelativePath, layer is null ? "forward" : $"layer '{layer}'",
                        $"fails on {channels} × {side} × {side} inputs: {e.Message.Split('\n')[0]}", "match channels and input_size to the model");
                }
                int featureCount = shape.Aggregate(1, (a, b) => checked(a * b));
                string prefix = (layer ?? "output").Replace('.', '_');
                context.Log($"{modelFile.RelativePath}: {model.TypeName}, {model.ParameterCount:N0} parameters, {model.Device}, {threads} threads; " +
                            $"{tensors.Count} images → {channels} × {side} × {side} → {layer ?? "forward"} [{string.Join(", ", shape)}] = {featureCount:N0} features");

                var features = new float[(long)tensors.Count * featureCount];
                int pixels = tensors.Side * tensors.Side;
                for (int start = 0; start < tensors.Count; start += batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int count = Math.Min(batch, tensors.Count - start);
                    var grey = new float[count * side * side];
                    for (int i = 0; i < count; i++)
                    {
                        var image = tensors.Pixels.AsSpan((start + i) * pixels, pixels);
                        var resized = side == tensors.Side ? image.ToArray() : ImageResizer.Resize(image, tensors.Side, tensors.Side, side, side);
                        resized.CopyTo(grey, i * side * side);
                    }
                    var input = imagenet
                        ? TorchScriptModel.PrepareImages(grey, count, side, side, channels)
                        : TorchScriptModel.PrepareImages(grey, count, side, side, channels, [0f], [1f]);
                    model.Features(input, count, channels, side, side, layer, batch, features.AsSpan(checked(start * featureCount), count * featureCount));
                    context.Report(0.05 + 0.85 * (start + count) / tensors.Count, $"{start + count}/{tensors.Count} images");
                }

                context.Report(0.92, "writing tables");
                var names = Enumerable.Range(1, featureCount).Select(i => $"{prefix}_{i.ToString("D4", CultureInfo.InvariantCulture)}").ToArray();
                var matrix = FeatureMatrix.FromRowMajor(tensors.ImageIds, tensors.PatientIds, names, features);
                // Feature i of a C × H × W output is channel i / (H·W), row i % (H·W) / W, column i % W.
                var layout = FeatureLayout.Grid(names, shape.Count >= 3 ? shape[^2] : 1, shape.Count >= 3 ? shape[^1] : 1, FeatureLayout.ChannelAxis);
                new FeatureTable(matrix, layout).Write(context.Output("features"), context.Output("feature_map"));
                PatientAggregation.WriteMeans(matrix, context.Output("patient_features"));

                context.Record("device", model.Device);
                context.Record("threads", threads);
                context.Record("layer", layer ?? "forward");
                context.Record("layer_shape", shape.ToArray());
                context.Record("feature_count", featureCount);
                context.Record("images", tensors.Count);
                context.Report(1.0, $"{tensors.Count} images × {featureCount:N0} features from {layer ?? "forward"}");
            }
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }
        return Task.CompletedTask;
    }
}
