namespace Radiogenomics.Learning;

/// <summary>
/// A top-level child of a TorchScript module, as <see cref="TorchScriptModel.Children"/> lists them
/// (registration order, which is the order the sequential-prefix rule applies them in).
/// </summary>
/// <param name="Name">The attribute name, e.g. "layer4"; pass it as the feature layer.</param>
/// <param name="TypeName">The qualified class name, e.g. "__torch__.torch.nn.modules.conv.Conv2d".</param>
/// <param name="Kind">The class name's last part without mangling, e.g. "Conv2d".</param>
/// <param name="ParameterCount">Parameters of the child and its descendants.</param>
/// <param name="HasForward">False for containers such as ModuleList that cannot be called.</param>
/// <param name="FlattenBefore">
/// True for a Linear-like child (a *Linear class, or a Sequential starting with one): a tensor with more than
/// two dimensions is flattened to N × rest before it, as torchvision's forward does before its classifier.
/// </param>
public sealed record TorchScriptLayer(
    string Name, string TypeName, string Kind, long ParameterCount, bool HasForward, bool FlattenBefore);
