// The model interface the C ABI drives. One implementation per "kind" in the configuration;
// the DAE of the extract stage is the first. A DeepSurv MLP or a gene-expression autoencoder
// plugs in here with its own forward, encode and loss.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "error.h"
#include "json.h"
#include "torch_includes.h"

namespace rgt {

class Model {
 public:
  virtual ~Model() = default;

  // Canonical JSON of the architecture (no seed); written next to the weights.
  virtual std::string architecture_json() const = 0;
  virtual std::string kind() const = 0;
  // Shape of one sample, e.g. {1, 64, 64}.
  virtual std::vector<int64_t> input_shape() const = 0;
  virtual int64_t feature_count() const = 0;
  virtual torch::nn::Module& module() = 0;
  // Evaluation output (for an autoencoder: the reconstruction; for an MLP: the output layer).
  virtual torch::Tensor forward(const torch::Tensor& inputs) = 0;
  // Training-time output: models with dropout draw their masks from `generator` (the trainer's, on the CPU),
  // so that training is reproducible on every device and in step with a reference implementation.
  virtual torch::Tensor forward_train(const torch::Tensor& inputs, at::Generator& generator) {
    (void)generator;
    return forward(inputs);
  }
  // Floats per sample of forward's output (an autoencoder: its input size).
  virtual int64_t output_size() const { return input_size(); }
  // Features, [N, feature_count], flattened in NCHW order.
  virtual torch::Tensor encode(const torch::Tensor& inputs) = 0;
  virtual torch::Tensor loss(const torch::Tensor& outputs, const torch::Tensor& targets) = 0;

  int64_t input_size() const {
    int64_t n = 1;
    for (const int64_t d : input_shape()) n *= d;
    return n;
  }

  torch::Device device{torch::kCPU};
  uint64_t seed = 0;
};

// Builds a model from its JSON configuration. Weights are initialised on the CPU from a generator
// seeded with the config's "seed" (else `fallback_seed`) and then moved to `device`, so a seed gives
// the same initial weights on every device.
std::unique_ptr<Model> create_model(const json::Value& config, torch::Device device, uint64_t fallback_seed);

}  // namespace rgt
