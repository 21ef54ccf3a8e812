// TorchScript models (see script.h): loading, per-layer features and the sequential builder.
#include "script.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <c10/core/InferenceMode.h>
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>

#include "../include/radiogenomics_torch.h"

namespace rgt {

namespace {

struct ScriptChild {
  std::string name;
  std::string type;  // qualified class name, e.g. __torch__.torch.nn.modules.conv.Conv2d
  std::string kind;  // its last atom, e.g. Conv2d
  torch::jit::Module module;
  bool has_forward = false;
  bool flatten_before = false;
  int64_t parameter_count = 0;
};

}  // namespace

class ScriptModel {
 public:
  std::string path;
  torch::Device device{torch::kCPU};
  torch::jit::Module module;
  std::string type;
  std::vector<ScriptChild> children;
  bool has_forward = false;
  at::ScalarType input_dtype = at::kFloat;
};

namespace {

std::string class_name(const torch::jit::Module& module) {
  const auto name = module.type()->name();
  return name ? name->qualifiedName() : std::string("(anonymous)");
}

std::string class_kind(const torch::jit::Module& module) {
  const auto name = module.type()->name();
  return name ? name->name() : std::string("(anonymous)");
}

int64_t count_parameters(const torch::jit::Module& module) {
  int64_t n = 0;
  for (const auto& p : module.parameters(/*recurse=*/true)) n += p.numel();
  return n;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// torchvision flattens before its classifier: a Linear (ResNet's fc, GoogLeNet's fc) or a Sequential
// that starts with one (VGG's and AlexNet's classifier).
bool is_linear_like(const torch::jit::Module& module) {
  const std::string kind = class_kind(module);
  if (ends_with(kind, "Linear")) return true;
  if (kind != "Sequential") return false;
  const auto children = module.children();
  const auto first = children.begin();
  return first != children.end() && is_linear_like(*first);
}

// The dtype the inputs are cast to: that of the first floating-point parameter (or buffer).
at::ScalarType input_dtype_of(const torch::jit::Module& module) {
  for (const auto& p : module.parameters(true)) {
    if (at::isFloatingType(p.scalar_type())) return p.scalar_type();
  }
  for (const auto& b : module.buffers(true)) {
    if (at::isFloatingType(b.scalar_type())) return b.scalar_type();
  }
  return at::kFloat;
}

std::string zip_hint(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char magic[4] = {};
  file.read(magic, sizeof magic);
  if (file.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return "";
  return "it is not a zip archive, so not a TorchScript model; ";
}

std::string load_hint(const std::string& path, const std::string& what) {
  std::string hint = zip_hint(path);
  if (what.find("constants.pkl") != std::string::npos) {
    hint += "the archive holds no TorchScript code (a torch.save checkpoint or state_dict?); ";
  }
  return hint + "export the model with torch.jit.script or torch.jit.trace and save it with torch.jit.save";
}

std::string shape_text(const torch::Tensor& t) { return json::integers(t.sizes().vec()); }

std::string child_names(const ScriptModel& model) {
  std::string names;
  for (const auto& c : model.children) names += (names.empty() ? "" : ", ") + c.name;
  return names.empty() ? "(none)" : names;
}

torch::Tensor only_tensor(c10::IValue value, const std::string& what) {
  if (!value.isTensor()) {
    throw Error(RGT_INVALID_ARGUMENT, what + " returned " + value.tagKind() +
                                          ", not a tensor; export a wrapper module whose forward returns the feature tensor");
  }
  return std::move(value).toTensor();
}

// The interpreter puts the cause last, after two TorchScript tracebacks; bring it to the front.
std::string cause_first(const std::string& message) {
  const std::string marker = "\nRuntimeError: ";
  const size_t at = message.rfind(marker);
  if (at == std::string::npos) return message;
  std::string cause = message.substr(at + marker.size());
  while (!cause.empty() && (cause.back() == '\n' || cause.back() == ' ')) cause.pop_back();
  return cause + "\n" + message;
}

// Runs one forward and names the step and the input shape in any failure.
torch::Tensor run_forward(torch::jit::Module& module, const std::string& what, const torch::Tensor& x) {
  try {
    return only_tensor(module.forward({x}), what);
  } catch (const Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const c10::Error& e) {
    throw Error(RGT_TORCH_ERROR,
                what + " failed on input of shape " + shape_text(x) + ": " + cause_first(e.what_without_backtrace()));
  } catch (const std::exception& e) {
    throw Error(RGT_TORCH_ERROR, what + " failed on input of shape " + shape_text(x) + ": " + cause_first(e.what()));
  }
}

}  // namespace

std::shared_ptr<ScriptModel> load_script(const std::string& path, torch::Device device) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw Error(RGT_IO_ERROR, "TorchScript model '" + path + "' does not exist");
  if (fs::is_directory(status)) throw Error(RGT_IO_ERROR, "TorchScript model '" + path + "' is a directory, not a file");
  if (!std::ifstream(path, std::ios::binary)) throw Error(RGT_IO_ERROR, "TorchScript model '" + path + "' cannot be read");

  auto model = std::make_shared<ScriptModel>();
  model->path = path;
  model->device = device;
  try {
    model->module = torch::jit::load(path, device);
  } catch (const c10::Error& e) {
    const std::string what = e.what_without_backtrace();
    throw Error(RGT_IO_ERROR, "cannot load TorchScript model '" + path + "': " + load_hint(path, what) +
                                  " (libtorch " TORCH_VERSION ": " + what + ")");
  }
  model->module.eval();
  model->type = class_name(model->module);
  model->has_forward = model->module.find_method("forward").has_value();
  model->input_dtype = input_dtype_of(model->module);
  for (const auto& item : model->module.named_children()) {
    ScriptChild child;
    child.name = item.name;
    child.module = item.value;
    child.type = class_name(item.value);
    child.kind = class_kind(item.value);
    child.has_forward = item.value.find_method("forward").has_value();
    child.flatten_before = is_linear_like(item.value);
    child.parameter_count = count_parameters(item.value);
    model->children.push_back(std::move(child));
  }
  return model;
}

std::string describe_script(const ScriptModel& model) {
  std::string children = "[";
  for (const auto& c : model.children) {
    children += (children.size() > 1 ? "," : "") + std::string("{\"name\":") + json::quote(c.name) +
                ",\"type\":" + json::quote(c.type) + ",\"kind\":" + json::quote(c.kind) +
                ",\"parameter_count\":" + std::to_string(c.parameter_count) +
                ",\"has_forward\":" + (c.has_forward ? "true" : "false") +
                ",\"flatten_before\":" + (c.flatten_before ? "true" : "false") + "}";
  }
  children += "]";
  std::string schema = "null";
  if (const auto forward = model.module.find_method("forward")) {
    std::ostringstream text;
    text << forward->function().getSchema();
    schema = json::quote(text.str());
  }
  return std::string("{\"path\":") + json::quote(model.path) + ",\"device\":" + json::quote(model.device.str()) +
         ",\"type\":" + json::quote(model.type) + ",\"has_forward\":" + (model.has_forward ? "true" : "false") +
         ",\"forward_schema\":" + schema + ",\"parameter_count\":" + std::to_string(count_parameters(model.module)) +
         ",\"children\":" + children + "}";
}

torch::Tensor script_layer_output(ScriptModel& model, const std::string& layer, const torch::Tensor& batch) {
  c10::InferenceMode inference;
  torch::NoGradGuard no_grad;
  const int64_t count = batch.size(0);
  torch::Tensor x = batch.to(model.device, model.input_dtype);
  // The batch may still be the caller's const buffer; a model with an in-place first op must not write to it.
  if (x.data_ptr() == batch.data_ptr()) x = x.clone();

  std::string step;
  if (layer.empty()) {
    if (!model.has_forward) {
      throw Error(RGT_INVALID_ARGUMENT, "TorchScript model '" + model.path +
                                            "' has no forward method; name one of its layers instead: " + child_names(model));
    }
    step = "the forward of '" + model.path + "'";
    x = run_forward(model.module, step, x);
  } else {
    size_t last = 0;
    while (last < model.children.size() && model.children[last].name != layer) ++last;
    if (last == model.children.size()) {
      throw std::invalid_argument("TorchScript model '" + model.path + "' has no top-level layer named '" + layer +
                                  "'; available: " + child_names(model) + " (or no layer for the forward output)");
    }
    for (size_t i = 0; i <= last; ++i) {
      ScriptChild& child = model.children[i];
      step = "layer '" + child.name + "' (" + child.kind + ")";
      if (!child.has_forward) {
        throw Error(RGT_INVALID_ARGUMENT, step + " has no forward method, so the layers up to '" + layer +
                                              "' cannot run in sequence; export a wrapper whose forward returns the wanted features");
      }
      if (child.flatten_before && x.dim() > 2) x = torch::flatten(x, 1);
      x = run_forward(child.module, step, x);
    }
  }
  if (x.dim() < 1 || x.size(0) != count) {
    throw Error(RGT_INVALID_ARGUMENT, step + " returned shape " + shape_text(x) + " for a batch of " +
                                          std::to_string(count) + " images; its first dimension must be the batch");
  }
  return x.to(torch::kCPU, torch::kFloat32);
}

// ---- the sequential builder ------------------------------------------------------------------

namespace {

bool is_identifier(const std::string& name) {
  static const std::set<std::string> reserved = {
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
      "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
      "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "forward", "training",
      "self", "torch"};
  if (name.empty() || reserved.count(name) != 0) return false;
  if (!(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (const char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

std::string integer_pair(int64_t value) {
  const std::string v = std::to_string(value);
  return "[" + v + ", " + v + "]";
}

class SequentialBuilder {
 public:
  torch::jit::Module build(const json::Value& spec, uint64_t fallback_seed) {
    json::ObjectReader r(spec, "sequential spec");
    const std::string name = r.string("name", "SequentialNet");
    channels_ = r.integer("input_channels", 3);
    generator_ = at::make_generator<at::CPUGeneratorImpl>(r.has("seed") ? r.unsigned_integer("seed") : fallback_seed);
    const auto layers = r.objects("layers");
    r.finish();
    if (!is_identifier(name)) reject("'name' must be a Python identifier, not '" + name + "'");
    if (channels_ <= 0) reject("input_channels must be positive");
    if (layers.empty()) reject("'layers' must name at least one layer");

    torch::jit::Module top = create(name);
    std::string forward = "def forward(self, x):\n";
    std::set<std::string> seen;
    for (const json::Value* layer : layers) {
      const auto [layer_name, module, is_linear] = build_layer(*layer, seen);
      top.register_module(layer_name, module);
      if (is_linear) forward += "    if x.dim() > 2:\n        x = torch.flatten(x, 1)\n";
      forward += "    x = self." + layer_name + ".forward(x)\n";
    }
    forward += "    return x\n";
    top.define(forward);
    return top;
  }

 private:
  [[noreturn]] static void reject(const std::string& what) { throw std::invalid_argument("sequential spec: " + what); }

  torch::jit::Module create(const std::string& kind) {
    // One compilation unit with mangling, as torch.jit.script does: two Conv2d layers become two classes.
    torch::jit::Module module(c10::QualifiedName("__torch__.radiogenomics." + kind), unit_, /*shouldMangle=*/true);
    module.register_attribute("training", c10::BoolType::get(), false);
    return module;
  }

  // Draws U(low, high) from the builder's generator whether or not the spec gives explicit values,
  // so that values given for one layer leave the other layers' weights unchanged.
  struct Drawn {
    std::string name;
    torch::Tensor value;
    bool parameter;  // else a buffer
  };

  void draw(const std::string& name, std::vector<int64_t> shape, double low, double high, bool parameter = true) {
    torch::Tensor t = torch::empty(shape, torch::kFloat32);
    t.uniform_(low, high, generator_);
    tensors_.push_back({name, t, parameter});
  }

  // Explicit values replace drawn ones; then the tensors are registered in draw order.
  void register_tensors(torch::jit::Module& module, const std::string& layer, const json::Value* values) {
    if (values != nullptr) {
      json::ObjectReader r(*values, "sequential spec: layer '" + layer + "' values");
      for (Drawn& d : tensors_) {
        std::vector<double> given = r.numbers(d.name, {});
        if (given.empty()) continue;
        if (static_cast<int64_t>(given.size()) != d.value.numel()) {
          reject("layer '" + layer + "': values for '" + d.name + "' hold " + std::to_string(given.size()) +
                 " numbers, but the tensor " + json::integers(d.value.sizes().vec()) + " has " +
                 std::to_string(d.value.numel()));
        }
        d.value.copy_(torch::from_blob(given.data(), d.value.sizes(), torch::kFloat64));
      }
      r.finish();
    }
    for (Drawn& d : tensors_) {
      if (d.parameter) {
        module.register_parameter(d.name, d.value.requires_grad_(true), /*is_buffer=*/false);  // as in torch.nn
      } else {
        module.register_buffer(d.name, d.value);
      }
    }
  }

  std::tuple<std::string, torch::jit::Module, bool> build_layer(const json::Value& spec, std::set<std::string>& seen) {
    json::ObjectReader r(spec, "sequential spec layer");
    const std::string name = r.string("name", "");
    const std::string type = r.string("type", "");
    if (!is_identifier(name)) {
      reject("layer name '" + name + "' must be a Python identifier other than forward, training, self or torch");
    }
    if (!seen.insert(name).second) reject("layer name '" + name + "' is used twice");
    const std::string where = "layer '" + name + "' (" + type + ")";
    const auto positive = [&](const char* key, int64_t value) {
      if (value <= 0) reject(where + ": " + key + " must be positive");
      return value;
    };
    const auto need_image = [&] {
      if (flat_) reject(where + " follows a flattened output; it needs N x C x H x W");
    };
    tensors_.clear();

    torch::jit::Module module;
    std::string source;
    bool is_linear = false;
    if (type == "conv2d") {
      need_image();
      const int64_t in = positive("in_channels", r.integer("in_channels", channels_));
      const int64_t out = positive("out_channels", r.integer("out_channels", 0));
      const int64_t kernel = positive("kernel_size", r.integer("kernel_size", 0));
      const int64_t stride = positive("stride", r.integer("stride", 1));
      const int64_t padding = r.integer("padding", 0);
      const bool bias = r.boolean("bias", true);
      if (padding < 0) reject(where + ": padding must not be negative");
      module = create("Conv2d");
      const double bound = 1.0 / std::sqrt(static_cast<double>(in * kernel * kernel));  // PyTorch's default init
      draw("weight", {out, in, kernel, kernel}, -bound, bound);
      if (bias) draw("bias", {out}, -bound, bound);
      source = "def forward(self, x):\n    return torch.conv2d(x, self.weight, " + std::string(bias ? "self.bias" : "None") +
               ", " + integer_pair(stride) + ", " + integer_pair(padding) + ", [1, 1], 1)\n";
      channels_ = out;
      single_pixel_ = single_pixel_ && kernel == 1 && padding == 0;
    } else if (type == "batchnorm2d") {
      const int64_t features = positive("num_features", r.integer("num_features", channels_));
      const double eps = r.number("eps", 1e-5);
      if (!(eps > 0)) reject(where + ": eps must be positive");
      module = create("BatchNorm2d");
      // Not PyTorch's identity init (1, 0, 0, 1): drawn values make the layer visible in tests.
      draw("weight", {features}, 0.5, 1.5);
      draw("bias", {features}, -0.5, 0.5);
      draw("running_mean", {features}, -0.5, 0.5, /*parameter=*/false);
      draw("running_var", {features}, 0.5, 1.5, /*parameter=*/false);
      module.register_attribute("eps", c10::FloatType::get(), eps);
      source =
          "def forward(self, x):\n    return torch.batch_norm(x, self.weight, self.bias, self.running_mean, "
          "self.running_var, False, 0.0, self.eps, True)\n";
    } else if (type == "relu") {
      module = create("ReLU");
      source = "def forward(self, x):\n    return torch.relu(x)\n";
    } else if (type == "maxpool2d") {
      need_image();
      const int64_t kernel = positive("kernel_size", r.integer("kernel_size", 0));
      const int64_t stride = positive("stride", r.integer("stride", kernel));
      const int64_t padding = r.integer("padding", 0);
      if (padding < 0 || 2 * padding > kernel) reject(where + ": padding must lie in [0, kernel_size / 2]");
      module = create("MaxPool2d");
      source = "def forward(self, x):\n    return torch.max_pool2d(x, " + integer_pair(kernel) + ", " +
               integer_pair(stride) + ", " + integer_pair(padding) + ", [1, 1], False)\n";
      single_pixel_ = false;
    } else if (type == "adaptive_avgpool2d") {
      need_image();
      module = create("AdaptiveAvgPool2d");
      source = "def forward(self, x):\n    return torch.adaptive_avg_pool2d(x, [1, 1])\n";
      single_pixel_ = true;
    } else if (type == "flatten") {
      module = create("Flatten");
      source = "def forward(self, x):\n    return torch.flatten(x, 1)\n";
      if (!flat_ && !single_pixel_) channels_ = -1;  // features per image depend on the image size
      flat_ = true;
    } else if (type == "linear") {
      const int64_t known = flat_ || single_pixel_ ? channels_ : -1;
      const int64_t in = r.integer("in_features", known);
      if (in == -1) {
        reject(where + ": give in_features; the input's width is only inferred after adaptive_avgpool2d or another linear");
      }
      positive("in_features", in);
      const int64_t out = positive("out_features", r.integer("out_features", 0));
      const bool bias = r.boolean("bias", true);
      module = create("Linear");
      const double bound = 1.0 / std::sqrt(static_cast<double>(in));
      draw("weight", {out, in}, -bound, bound);
      if (bias) draw("bias", {out}, -bound, bound);
      source = "def forward(self, x):\n    return torch.linear(x, self.weight, " + std::string(bias ? "self.bias" : "None") + ")\n";
      channels_ = out;
      flat_ = true;
      is_linear = true;
    } else {
      reject(where + ": unknown type '" + type +
             "' (known: conv2d, batchnorm2d, relu, maxpool2d, adaptive_avgpool2d, flatten, linear)");
    }
    register_tensors(module, name, r.object("values"));
    r.finish();
    module.define(source);
    return {name, module, is_linear};
  }

  at::Generator generator_;
  std::shared_ptr<torch::jit::CompilationUnit> unit_ = std::make_shared<torch::jit::CompilationUnit>();
  std::vector<Drawn> tensors_;  // the current layer's, in draw order
  int64_t channels_ = 3;
  bool single_pixel_ = false;  // spatial size known to be 1 x 1
  bool flat_ = false;          // the activation is N x features
};

}  // namespace

void build_sequential(const json::Value& spec, const std::string& path, uint64_t fallback_seed) {
  torch::NoGradGuard no_grad;
  torch::jit::Module model = SequentialBuilder().build(spec, fallback_seed);
  try {
    model.save(path);
  } catch (const c10::Error& e) {
    throw Error(RGT_IO_ERROR, "cannot write TorchScript model to '" + path + "': " + e.what_without_backtrace());
  }
}

}  // namespace rgt
