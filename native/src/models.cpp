#include <cmath>

#include "model.h"

namespace rgt {
namespace {

// Keras' glorot_uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)), fans counting the kernel area.
void glorot_uniform(torch::Tensor& weight, at::Generator& generator) {
  const int64_t receptive = weight.numel() / (weight.size(0) * weight.size(1));
  const double fan_in = static_cast<double>(weight.size(1) * receptive);
  const double fan_out = static_cast<double>(weight.size(0) * receptive);
  const double limit = std::sqrt(6.0 / (fan_in + fan_out));
  weight.uniform_(-limit, limit, generator);
}

// Convolutional denoising autoencoder (Liu & Hu 2023 and variants).
// Encoder block i: conv k x k 'same' -> ReLU -> max-pool 2x2. Decoder block j: conv -> ReLU -> nearest
// up-sample x2. Then a k x k conv to the input channels and a sigmoid. The features are the pooled output
// of encoder block `feature_block` (1-based), flattened in NCHW order: index = kernel*H*W + row*W + column.
// "activation": "leaky_relu" (with "negative_slope") replaces every hidden ReLU. Initialisation: Glorot-uniform
// weights; hidden biases "hidden_bias" (Keras: 0) and the output bias "output_bias" (Keras: 0; logit of the mean
// pixel starts the sigmoid at the data's mean instead of 0.5, which is what keeps training from collapsing).
class ConvAutoencoder final : public Model {
 public:
  ConvAutoencoder(const json::Value& config, uint64_t fallback_seed) {
    json::ObjectReader r(config, "conv_autoencoder config");
    r.string("kind", "conv_autoencoder");
    input_shape_ = r.integers("input_shape", {1, 64, 64});
    encoder_filters_ = r.integers("encoder_filters", {16, 16});
    decoder_filters_ = r.integers("decoder_filters", {16, 16});
    kernel_size_ = r.integer("kernel_size", 3);
    feature_block_ = r.integer("feature_block", static_cast<int64_t>(encoder_filters_.size()));
    activation_ = r.string("activation", "relu");
    negative_slope_ = r.number("negative_slope", 0.01);
    hidden_bias_ = r.number("hidden_bias", 0.0);
    output_bias_ = r.number("output_bias", 0.0);
    seed = r.has("seed") ? r.unsigned_integer("seed") : fallback_seed;
    r.finish();
    validate();
    build();
  }

  std::string kind() const override { return "conv_autoencoder"; }

  std::string architecture_json() const override {
    return std::string("{\"kind\":\"conv_autoencoder\",\"input_shape\":") + json::integers(input_shape_) +
           ",\"encoder_filters\":" + json::integers(encoder_filters_) +
           ",\"decoder_filters\":" + json::integers(decoder_filters_) +
           ",\"kernel_size\":" + std::to_string(kernel_size_) +
           ",\"feature_block\":" + std::to_string(feature_block_) + activation_json() + "}";
  }

  std::vector<int64_t> input_shape() const override { return input_shape_; }

  int64_t feature_count() const override {
    const int64_t shrink = int64_t{1} << feature_block_;
    return encoder_filters_[feature_block_ - 1] * (input_shape_[1] / shrink) * (input_shape_[2] / shrink);
  }

  torch::nn::Module& module() override { return *net_; }

  torch::Tensor forward(const torch::Tensor& inputs) override {
    torch::Tensor x = run_encoder(inputs, static_cast<int64_t>(encoder_.size()));
    for (auto& conv : decoder_) {
      x = activate(conv->forward(x));
      x = at::upsample_nearest2d(x, {x.size(2) * 2, x.size(3) * 2}, 2.0, 2.0);
    }
    return torch::sigmoid(output_->forward(x));
  }

  torch::Tensor encode(const torch::Tensor& inputs) override {
    // reshape follows the logical NCHW order whatever the memory format, hence kernel-major features.
    return run_encoder(inputs, feature_block_).reshape({inputs.size(0), -1});
  }

  torch::Tensor loss(const torch::Tensor& outputs, const torch::Tensor& targets) override {
    return torch::mse_loss(outputs, targets);
  }

 private:
  [[noreturn]] static void reject(const std::string& what) {
    throw std::invalid_argument("conv_autoencoder config: " + what);
  }

  void validate() const {
    if (input_shape_.size() != 3) reject("input_shape must be [channels, height, width]");
    for (const int64_t d : input_shape_) {
      if (d <= 0) reject("input_shape entries must be positive");
    }
    if (encoder_filters_.empty()) reject("encoder_filters must name at least one block");
    if (encoder_filters_.size() > 16) reject("encoder_filters has too many blocks");
    for (const int64_t f : encoder_filters_) {
      if (f <= 0) reject("encoder_filters entries must be positive");
    }
    for (const int64_t f : decoder_filters_) {
      if (f <= 0) reject("decoder_filters entries must be positive");
    }
    if (decoder_filters_.size() != encoder_filters_.size()) {
      reject("decoder_filters must have one entry per encoder block (" + std::to_string(encoder_filters_.size()) +
             "), so that the reconstruction has the input's size");
    }
    if (kernel_size_ <= 0 || kernel_size_ % 2 == 0) reject("kernel_size must be a positive odd number");
    if (activation_ != "relu" && activation_ != "leaky_relu") {
      reject("activation must be relu or leaky_relu, not '" + activation_ + "'");
    }
    if (!(negative_slope_ >= 0 && negative_slope_ < 1)) reject("negative_slope must lie in [0, 1)");
    const int64_t shrink = int64_t{1} << encoder_filters_.size();
    if (input_shape_[1] % shrink != 0 || input_shape_[2] % shrink != 0) {
      reject("height and width must be divisible by 2^" + std::to_string(encoder_filters_.size()) +
             " (one 2x2 pooling per encoder block)");
    }
    if (feature_block_ < 1 || feature_block_ > static_cast<int64_t>(encoder_filters_.size())) {
      reject("feature_block must be between 1 and " + std::to_string(encoder_filters_.size()) + ", not " +
             std::to_string(feature_block_));
    }
  }

  torch::nn::Conv2d conv(int64_t in, int64_t out) const {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel_size_).padding(kernel_size_ / 2));
  }

  void build() {
    net_ = std::make_shared<torch::nn::Module>("ConvAutoencoder");
    auto encoder = net_->register_module("encoder", torch::nn::ModuleList());
    auto decoder = net_->register_module("decoder", torch::nn::ModuleList());
    int64_t channels = input_shape_[0];
    for (const int64_t filters : encoder_filters_) {
      encoder_.push_back(conv(channels, filters));
      encoder->push_back(encoder_.back());
      channels = filters;
    }
    for (const int64_t filters : decoder_filters_) {
      decoder_.push_back(conv(channels, filters));
      decoder->push_back(decoder_.back());
      channels = filters;
    }
    output_ = net_->register_module("output", conv(channels, input_shape_[0]));

    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::NoGradGuard no_grad;
    for (auto& item : net_->named_parameters()) {
      torch::Tensor& p = item.value();
      if (p.dim() > 1) {
        glorot_uniform(p, generator);
      } else {
        p.fill_(hidden_bias_);  // Keras: zero
      }
    }
    output_->bias.fill_(output_bias_);
  }

  torch::Tensor activate(const torch::Tensor& x) const {
    return activation_ == "leaky_relu" ? torch::leaky_relu(x, negative_slope_) : torch::relu(x);
  }

  // The published ReLU model keeps the architecture JSON it always had, so its saved weights still load.
  std::string activation_json() const {
    if (activation_ == "relu") return "";
    return ",\"activation\":" + json::quote(activation_) + ",\"negative_slope\":" + json::number(negative_slope_);
  }

  torch::Tensor run_encoder(torch::Tensor x, int64_t blocks) {
    for (int64_t i = 0; i < blocks; ++i) {
      x = activate(encoder_[static_cast<size_t>(i)]->forward(x));
      x = torch::max_pool2d(x, {2, 2});
    }
    return x;
  }

  std::vector<int64_t> input_shape_, encoder_filters_, decoder_filters_;
  int64_t kernel_size_ = 3, feature_block_ = 2;
  std::string activation_ = "relu";
  double negative_slope_ = 0.01, hidden_bias_ = 0.0, output_bias_ = 0.0;
  std::shared_ptr<torch::nn::Module> net_;
  std::vector<torch::nn::Conv2d> encoder_, decoder_;
  torch::nn::Conv2d output_{nullptr};
};

// Multilayer perceptron: dense layers input -> hidden... -> output, each hidden layer followed by the activation
// (relu, tanh or selu) and, in training, dropout with masks from the trainer's generator; the output layer is linear
// or followed by "output_activation" (relu: non-negative outputs; sigmoid; tanh). One family serves DeepSurv (one
// linear output, Cox loss), classifiers (one logit, binary cross-entropy), regressions (MAE) and dense autoencoders
// (hidden layers 2000-1000-500-1000-2000, MSE reconstruction; the features are hidden layer "feature_layer").
// Initialisation "pytorch" (torch.nn.Linear's default: weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)))
// or "glorot_uniform" (Keras: Glorot-uniform weights, zero biases), drawn layer by layer, weight before bias.
class Mlp final : public Model {
 public:
  Mlp(const json::Value& config, uint64_t fallback_seed) {
    json::ObjectReader r(config, "mlp config");
    r.string("kind", "mlp");
    input_size_ = r.integer("input_size", 0);
    hidden_ = r.integers("hidden", {});
    output_size_ = r.integer("output_size", 1);
    activation_ = r.string("activation", "relu");
    output_activation_ = r.string("output_activation", "linear");
    dropout_ = r.number("dropout", 0.0);
    init_ = r.string("init", "pytorch");
    feature_layer_ = r.integer("feature_layer", static_cast<int64_t>(hidden_.size()));
    seed = r.has("seed") ? r.unsigned_integer("seed") : fallback_seed;
    r.finish();
    validate();
    build();
  }

  std::string kind() const override { return "mlp"; }

  std::string architecture_json() const override {
    return std::string("{\"kind\":\"mlp\",\"input_size\":") + std::to_string(input_size_) +
           ",\"hidden\":" + json::integers(hidden_) + ",\"output_size\":" + std::to_string(output_size_) +
           ",\"activation\":" + json::quote(activation_) + ",\"output_activation\":" + json::quote(output_activation_) +
           ",\"dropout\":" + json::number(dropout_) + ",\"init\":" + json::quote(init_) +
           ",\"feature_layer\":" + std::to_string(feature_layer_) + "}";
  }

  std::vector<int64_t> input_shape() const override { return {input_size_}; }
  int64_t output_size() const override { return output_size_; }

  int64_t feature_count() const override {
    return feature_layer_ == 0 ? input_size_ : hidden_[static_cast<size_t>(feature_layer_ - 1)];
  }

  torch::nn::Module& module() override { return *net_; }

  torch::Tensor forward(const torch::Tensor& inputs) override { return run(inputs, nullptr); }

  torch::Tensor forward_train(const torch::Tensor& inputs, at::Generator& generator) override {
    return run(inputs, dropout_ > 0 ? &generator : nullptr);
  }

  torch::Tensor encode(const torch::Tensor& inputs) override {
    torch::Tensor x = inputs.reshape({inputs.size(0), input_size_});
    for (int64_t i = 0; i < feature_layer_; ++i) x = activate(layers_[static_cast<size_t>(i)]->forward(x));
    return x;
  }

  torch::Tensor loss(const torch::Tensor& outputs, const torch::Tensor& targets) override {
    return torch::mse_loss(outputs, targets.reshape(outputs.sizes()));
  }

 private:
  [[noreturn]] static void reject(const std::string& what) { throw std::invalid_argument("mlp config: " + what); }

  void validate() const {
    if (input_size_ <= 0) reject("input_size must be positive (the number of input features)");
    if (output_size_ <= 0) reject("output_size must be positive");
    if (hidden_.size() > 64) reject("hidden has too many layers");
    for (const int64_t h : hidden_) {
      if (h <= 0) reject("hidden layer sizes must be positive");
    }
    if (activation_ != "relu" && activation_ != "tanh" && activation_ != "selu") {
      reject("activation must be relu, tanh or selu, not '" + activation_ + "'");
    }
    if (output_activation_ != "linear" && output_activation_ != "relu" && output_activation_ != "sigmoid" &&
        output_activation_ != "tanh") {
      reject("output_activation must be linear, relu (non-negative outputs), sigmoid or tanh, not '" +
             output_activation_ + "'");
    }
    if (!(dropout_ >= 0 && dropout_ < 1)) reject("dropout must lie in [0, 1)");
    if (init_ != "pytorch" && init_ != "glorot_uniform") reject("init must be pytorch or glorot_uniform, not '" + init_ + "'");
    if (feature_layer_ < 0 || feature_layer_ > static_cast<int64_t>(hidden_.size())) {
      reject("feature_layer must be between 0 (the inputs) and " + std::to_string(hidden_.size()) + ", not " +
             std::to_string(feature_layer_));
    }
  }

  void build() {
    net_ = std::make_shared<torch::nn::Module>("Mlp");
    auto list = net_->register_module("layers", torch::nn::ModuleList());
    int64_t width = input_size_;
    std::vector<int64_t> sizes = hidden_;
    sizes.push_back(output_size_);
    for (const int64_t next : sizes) {
      layers_.push_back(torch::nn::Linear(torch::nn::LinearOptions(width, next)));
      list->push_back(layers_.back());
      width = next;
    }
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::NoGradGuard no_grad;
    for (auto& layer : layers_) {
      if (init_ == "glorot_uniform") {
        glorot_uniform(layer->weight, generator);
        layer->bias.zero_();
      } else {
        const double bound = 1.0 / std::sqrt(static_cast<double>(layer->weight.size(1)));
        layer->weight.uniform_(-bound, bound, generator);
        layer->bias.uniform_(-bound, bound, generator);
      }
    }
  }

  torch::Tensor activate(const torch::Tensor& x) const {
    if (activation_ == "tanh") return torch::tanh(x);
    if (activation_ == "selu") return torch::selu(x);
    return torch::relu(x);
  }

  // Dropout as torch.nn.functional.dropout computes it (kept units scaled by 1 / (1 - p)), with the keep mask
  // U < 1 - p drawn on the CPU from the trainer's generator, one draw per hidden layer in order.
  torch::Tensor run(const torch::Tensor& inputs, at::Generator* generator) {
    torch::Tensor x = inputs.reshape({inputs.size(0), input_size_});
    const size_t hidden = hidden_.size();
    for (size_t i = 0; i < hidden; ++i) {
      x = activate(layers_[i]->forward(x));
      if (generator != nullptr) {
        const torch::Tensor keep = torch::rand(x.sizes(), *generator, torch::kFloat32).lt(1.0 - dropout_);
        x = x * keep.to(x.device(), x.scalar_type()) / (1.0 - dropout_);
      }
    }
    x = layers_[hidden]->forward(x);
    if (output_activation_ == "relu") return torch::relu(x);
    if (output_activation_ == "sigmoid") return torch::sigmoid(x);
    if (output_activation_ == "tanh") return torch::tanh(x);
    return x;
  }

  int64_t input_size_ = 0, output_size_ = 1, feature_layer_ = 0;
  std::vector<int64_t> hidden_;
  std::string activation_ = "relu", output_activation_ = "linear", init_ = "pytorch";
  double dropout_ = 0.0;
  std::shared_ptr<torch::nn::Module> net_;
  std::vector<torch::nn::Linear> layers_;
};

}  // namespace

std::unique_ptr<Model> create_model(const json::Value& config, torch::Device device, uint64_t fallback_seed) {
  if (!config.is_object()) throw std::invalid_argument("model config must be a JSON object");
  const json::Value* kind = config.find("kind");
  const std::string name = kind != nullptr && kind->type == json::Value::Type::String ? kind->text : "conv_autoencoder";
  std::unique_ptr<Model> model;
  if (name == "conv_autoencoder") {
    model = std::make_unique<ConvAutoencoder>(config, fallback_seed);
  } else if (name == "mlp") {
    model = std::make_unique<Mlp>(config, fallback_seed);
  } else {
    throw std::invalid_argument("model config: unknown kind '" + name + "' (known kinds: conv_autoencoder, mlp)");
  }
  model->module().to(device);
  model->device = device;
  return model;
}

}  // namespace rgt
