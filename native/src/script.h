// TorchScript models: loading a user-supplied network, taking one layer's output as features, and
// building small sequential networks. Only script.cpp includes the TorchScript headers, which are
// heavy to parse; the C ABI in bridge.cpp sees ScriptModel as an opaque type.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "error.h"
#include "json.h"
#include "torch_includes.h"

namespace rgt {

class ScriptModel;

// torch::jit::load onto `device`, in eval mode. Missing, unreadable and non-TorchScript files raise
// Error(RGT_IO_ERROR) naming the path.
std::shared_ptr<ScriptModel> load_script(const std::string& path, torch::Device device);

// JSON: path, device, type, has_forward, forward_schema, parameter_count, children[{name, type, kind,
// parameter_count, has_forward, flatten_before}].
std::string describe_script(const ScriptModel& model);

// The output of `layer` for a batch of N images (any device, float32): the module's forward when
// `layer` is empty, else the top-level children applied in order up to and including `layer`.
// Returned on the CPU as float32, N x ... (not yet flattened); the leading dimension is checked to be N.
torch::Tensor script_layer_output(ScriptModel& model, const std::string& layer, const torch::Tensor& batch);

// Builds a torch::jit::Module from a sequential spec (see native/README.md) and saves it to `path`.
// Weights come from a CPU generator seeded with the spec's "seed", else with `fallback_seed`.
void build_sequential(const json::Value& spec, const std::string& path, uint64_t fallback_seed);

}  // namespace rgt
