// The C ABI: handle management, error translation, runtime settings and the training loop.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>
#include <mutex>

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>
#include <new>
#if defined(__SSE__) || defined(_M_X64)
#include <xmmintrin.h>
#endif

#include "../include/radiogenomics_torch.h"
#include "model.h"
#include "script.h"

struct rgt_model {
  std::shared_ptr<rgt::Model> model;
};

struct rgt_trainer {
  std::shared_ptr<rgt::Model> model;  // keeps the model alive whatever order the handles are freed in
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  bool sgd = false;  // else Adam
  // Loss of the supervised entry points (rgt_trainer_fit_epoch, rgt_trainer_evaluate): mse, mae, bce, cox.
  std::string loss = "mse";
  at::Generator generator;  // CPU generator for shuffling and input noise
  int64_t batch_size = 64;
  double noise_std = 0.05;
  bool clip_noisy_input = true;
  // Learning-rate schedule: linear warm-up over warmup_steps, then constant, cosine decay to 0 at total_steps,
  // inverse square root (base × sqrt(decay_steps / steps after warm-up), capped at base), per-epoch step decay
  // (base × gamma^floor(epochs / step_size), torch's StepLR), per-epoch exponential decay (base × gamma^epochs,
  // ExponentialLR) or Keras' time-based decay per step (base / (1 + decay_rate × steps)).
  double base_learning_rate = 1e-3;
  int64_t warmup_steps = 0;
  std::string schedule = "constant";
  int64_t total_steps = 0;
  int64_t decay_steps = 0;
  int64_t steps_taken = 0;
  int64_t epochs_done = 0;
  int64_t step_size = 1;
  double gamma = 1.0;
  double decay_rate = 0.0;
  // Exponential moving average of the weights (average_decay > 0), started at the initial weights; the decay of
  // step t is min(d, (1 + t) / (10 + t)), so the average follows the fast early steps closely and smooths later
  // ones over about 1 / (1 - d) steps. average_in: the model currently holds the average.
  double average_decay = 0.0;
  std::vector<torch::Tensor> average;
  std::vector<torch::Tensor> held;  // the live weights while the average is in
  bool average_in = false;
};

struct rgt_script {
  std::shared_ptr<rgt::ScriptModel> model;
};

namespace rgt {
namespace {

thread_local std::string last_error;
std::atomic<int32_t> requested_threads{0};
std::atomic<bool> flush_denormals{true};

void release_cached_cpu_memory() noexcept;  // below, with the caching allocator

// Runs body and turns every exception into a status plus a thread-local message. Whatever happens, the
// CPU blocks cached during the call go back to the system: nothing is held between bridge calls.
template <typename Body>
int32_t guarded(Body&& body) noexcept {
  struct ReleaseCache {
    ~ReleaseCache() { release_cached_cpu_memory(); }
  } release_cache;
  try {
    body();
    return RGT_OK;
  } catch (const Error& e) {
    last_error = e.what();
    return e.status;
  } catch (const std::invalid_argument& e) {
    last_error = e.what();
    return RGT_INVALID_ARGUMENT;
  } catch (const c10::Error& e) {
    last_error = e.what_without_backtrace();
    return RGT_TORCH_ERROR;
  } catch (const std::bad_alloc&) {
    last_error = "out of memory";
    return RGT_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    last_error = e.what();
    return RGT_INTERNAL_ERROR;
  } catch (...) {
    last_error = "unknown C++ exception";
    return RGT_INTERNAL_ERROR;
  }
}

void require(bool condition, const char* message) {
  if (!condition) throw std::invalid_argument(message);
}

// OpenMP keeps the thread count per calling thread, and .NET may call from any pool thread:
// re-apply the requested count wherever work starts.
void apply_thread_count() {
  const int32_t wanted = requested_threads.load();
  if (wanted > 0 && at::get_num_threads() != wanted) at::set_num_threads(wanted);
}

// Denormal floats in gradients slow CPU arithmetic many times over; TensorFlow,
// which the reference Keras models ran on, flushes them to zero. The flag lives in each thread's
// MXCSR, so set it on the caller and on every thread of its OpenMP team (one chunk per thread).
void apply_denormal_mode() {
  const bool flush = flush_denormals.load();
  at::globalContext().setFlushDenormal(flush);
  at::parallel_for(0, at::get_num_threads(), 1, [flush](int64_t, int64_t) { at::globalContext().setFlushDenormal(flush); });
}

// Puts the caller's floating-point control word back on return: flush-to-zero belongs to libtorch's
// work and must not leak into the managed code that runs on this thread afterwards.
class CallerFloatingPointState {
#if defined(__SSE__) || defined(_M_X64)
 public:
  ~CallerFloatingPointState() { _mm_setcsr(control_); }

 private:
  unsigned int control_ = _mm_getcsr();
#endif
};

// Keeps freed CPU blocks of 1 MiB and more for reuse by the next allocation of the same size. A training
// step allocates and frees the same few dozen multi-megabyte activations and gradients every batch; through
// glibc, whose heaps give such blocks back to the kernel (trimming, munmap, per-thread arenas whose heaps are
// deleted once empty), every step faulted its memory in again page by page: 20-30 thousand minor faults per
// batch, a quarter of the CPU time in the kernel. Blocks come from and go back to c10::alloc_cpu/free_cpu
// (64-byte aligned), so tensors allocated before installation or after release stay valid.
class CachingCpuAllocator final : public c10::Allocator {
 public:
  static constexpr size_t min_cached = size_t{1} << 20;

  c10::DataPtr allocate(size_t bytes) const override {
    if (bytes < min_cached) {
      void* data = bytes == 0 ? nullptr : c10::alloc_cpu(bytes);
      return {data, data, &c10::free_cpu, c10::Device(c10::DeviceType::CPU)};
    }
    void* data = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto it = free_.find(bytes);
      if (it != free_.end()) {
        data = it->second;
        free_.erase(it);
        cached_bytes_ -= bytes;
      }
    }
    if (data == nullptr) data = c10::alloc_cpu(bytes);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      live_.emplace(data, bytes);
    }
    // The context must equal the data pointer: oneDNN (ideep) allocates through raw_allocate/raw_deallocate.
    return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &release; }

  // Returns every cached block to the system (at the end of every bridge call, so nothing is held between calls).
  void empty() {
    std::multimap<size_t, void*> blocks;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      blocks.swap(free_);
      cached_bytes_ = 0;
    }
    for (auto& block : blocks) c10::free_cpu(block.second);
  }

  static CachingCpuAllocator& instance() {
    static auto* allocator = new CachingCpuAllocator();  // never destroyed: deleters may run at exit
    return *allocator;
  }

 private:
  // Small blocks also come here when freed through raw_deallocate; they were never cached.
  static void release(void* data) {
    if (data != nullptr) instance().put(data);
  }

  void put(void* data) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto it = live_.find(data);
      if (it != live_.end()) {
        const size_t bytes = it->second;
        live_.erase(it);
        if (cached_bytes_ + bytes <= max_cached_bytes) {
          free_.emplace(bytes, data);
          cached_bytes_ += bytes;
          return;
        }
      }
    }
    c10::free_cpu(data);
  }

  static constexpr size_t max_cached_bytes = size_t{2} << 30;
  mutable std::mutex mutex_;
  mutable std::multimap<size_t, void*> free_;
  mutable std::unordered_map<void*, size_t> live_;
  mutable size_t cached_bytes_ = 0;
};

void release_cached_cpu_memory() noexcept {
  try {
    CachingCpuAllocator::instance().empty();
  } catch (...) {
    // A failed lock leaves the blocks cached for the next call; nothing to report.
  }
}

void install_caching_allocator_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* setting = std::getenv("RGT_CACHING_ALLOCATOR");
    if (setting != nullptr && std::strcmp(setting, "0") == 0) return;
    c10::SetCPUAllocator(&CachingCpuAllocator::instance(), /*priority=*/1);
  });
}

void prepare_calling_thread() {
  install_caching_allocator_once();
  apply_thread_count();
  apply_denormal_mode();
}

int32_t write_string(const std::string& text, char* buffer, int32_t capacity, int32_t* length) {
  return guarded([&] {
    require(length != nullptr, "length must not be NULL");
    require(capacity >= 0, "capacity must not be negative");
    require(text.size() < static_cast<size_t>(INT32_MAX), "string too long");
    *length = static_cast<int32_t>(text.size());
    if (buffer != nullptr && capacity > 0) {
      const size_t n = std::min(text.size(), static_cast<size_t>(capacity - 1));
      std::memcpy(buffer, text.data(), n);
      buffer[n] = '\0';
    }
  });
}

torch::Device resolve_device(const char* name) {
  const std::string requested = name == nullptr || *name == '\0' ? "auto" : name;
  if (requested == "auto") return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
  if (requested == "cpu") return torch::Device(torch::kCPU);
  if (requested.rfind("cuda", 0) != 0) {
    throw std::invalid_argument("unknown device '" + requested + "' (use cpu, cuda, cuda:N or auto)");
  }
  torch::Device device(torch::kCUDA, 0);
  try {
    device = torch::Device(requested);
  } catch (const c10::Error&) {
    throw std::invalid_argument("unknown device '" + requested + "' (use cpu, cuda, cuda:N or auto)");
  }
  if (!torch::cuda::is_available()) {
    throw Error(RGT_DEVICE_UNAVAILABLE, "device '" + requested +
                                            "' requested, but CUDA is not available (libtorch " TORCH_VERSION
                                            " built without CUDA, or no GPU visible)");
  }
  const int64_t count = static_cast<int64_t>(torch::cuda::device_count());
  const int64_t index = device.has_index() ? device.index() : 0;
  if (index >= count) {
    throw Error(RGT_DEVICE_UNAVAILABLE,
                "device '" + requested + "' requested, but only " + std::to_string(count) + " CUDA device(s) exist");
  }
  return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
}

uint64_t draw_seed_from_default_generator() {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  return at::check_generator<at::CPUGeneratorImpl>(generator)->random64();
}

// SplitMix64 finaliser: derives the trainer's stream from the model seed without sharing it.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Wraps the caller's samples without copying; from_blob never writes through the pointer here.
torch::Tensor samples_view(Model& model, const float* inputs, int64_t count) {
  std::vector<int64_t> shape{count};
  const auto sample = model.input_shape();
  shape.insert(shape.end(), sample.begin(), sample.end());
  return torch::from_blob(const_cast<float*>(inputs), shape, torch::kFloat32);
}

void check_batch_arguments(const float* inputs, int64_t count, int64_t batch_size) {
  require(count >= 0, "count must not be negative");
  require(count == 0 || inputs != nullptr, "inputs must not be NULL");
  require(batch_size > 0, "batch_size must be positive");
}

// Runs `step` over [0, count) in batches without gradients; step gets (first index, device batch).
template <typename Step>
void for_each_batch(Model& model, const float* inputs, int64_t count, int64_t batch_size, Step&& step) {
  const CallerFloatingPointState caller_state;
  prepare_calling_thread();
  torch::NoGradGuard no_grad;
  model.module().eval();
  const torch::Tensor all = samples_view(model, inputs, count);
  for (int64_t start = 0; start < count; start += batch_size) {
    const int64_t end = std::min(count, start + batch_size);
    step(start, all.slice(0, start, end).to(model.device));
  }
}

std::string describe(Model& model) {
  std::string parameters = "[";
  int64_t parameter_count = 0;
  for (const auto& item : model.module().named_parameters()) {
    parameter_count += item.value().numel();
    parameters += (parameters.size() > 1 ? "," : "") + std::string("{\"name\":") + json::quote(item.key()) +
                  ",\"shape\":" + json::integers(item.value().sizes().vec()) + "}";
  }
  parameters += "]";
  return std::string("{\"kind\":") + json::quote(model.kind()) + ",\"device\":" + json::quote(model.device.str()) +
         ",\"seed\":" + std::to_string(model.seed) + ",\"architecture\":" + model.architecture_json() +
         ",\"input_shape\":" + json::integers(model.input_shape()) +
         ",\"input_size\":" + std::to_string(model.input_size()) +
         ",\"feature_count\":" + std::to_string(model.feature_count()) +
         ",\"parameter_count\":" + std::to_string(parameter_count) + ",\"parameters\":" + parameters + "}";
}

const char* const architecture_key = "rgt_architecture";

// The learning rate of the trainer's next step: warm-up from base/warmup to base, then the schedule.
double scheduled_learning_rate(const rgt_trainer& t) {
  const int64_t step = t.steps_taken;
  if (step < t.warmup_steps) return t.base_learning_rate * static_cast<double>(step + 1) / static_cast<double>(t.warmup_steps);
  const int64_t after = step - t.warmup_steps;
  if (t.schedule == "cosine") {
    const double progress = std::min(1.0, static_cast<double>(after) / static_cast<double>(t.total_steps - t.warmup_steps));
    return t.base_learning_rate * 0.5 * (1.0 + std::cos(progress * 3.14159265358979323846));
  }
  if (t.schedule == "step") {
    return t.base_learning_rate * std::pow(t.gamma, static_cast<double>(t.epochs_done / t.step_size));
  }
  if (t.schedule == "exponential") return t.base_learning_rate * std::pow(t.gamma, static_cast<double>(t.epochs_done));
  if (t.schedule == "inverse_time") return t.base_learning_rate / (1.0 + t.decay_rate * static_cast<double>(t.steps_taken));
  if (t.schedule == "inverse_sqrt") {
    return t.base_learning_rate * std::min(1.0, std::sqrt(static_cast<double>(t.decay_steps) / static_cast<double>(after + 1)));
  }
  return t.base_learning_rate;
}

void apply_learning_rate(rgt_trainer& t) {
  if (t.warmup_steps == 0 && t.schedule == "constant") return;  // the published constant rate: leave Adam's options untouched
  const double rate = scheduled_learning_rate(t);
  for (auto& group : t.optimizer->param_groups()) {
    if (t.sgd) {
      static_cast<torch::optim::SGDOptions&>(group.options()).lr(rate);
    } else {
      static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
    }
  }
}

// Negative log partial likelihood of a Cox model with Breslow's ties, averaged over the events: samples sorted by
// time descending (stably), the log of each risk set's sum of exp(risk) from a cumulative logsumexp read at the
// last sample tied with it (so ties share one risk set). A batch without events contributes 0 (with a gradient
// of zeros).
torch::Tensor cox_loss(const torch::Tensor& risk, const torch::Tensor& target) {
  const torch::Tensor r = risk.reshape({-1});
  const torch::Tensor time = target.select(1, 0);
  const torch::Tensor event = target.select(1, 1);
  const auto sorted = torch::sort(time, /*stable=*/true, /*dim=*/0, /*descending=*/true);
  const torch::Tensor index = std::get<1>(sorted);
  const torch::Tensor times = std::get<0>(sorted).to(torch::kCPU, torch::kFloat64).contiguous();
  const int64_t n = times.size(0);
  const double* t = times.data_ptr<double>();
  std::vector<int64_t> ends(static_cast<size_t>(n));
  for (int64_t i = n - 1; i >= 0; --i) ends[static_cast<size_t>(i)] = i + 1 < n && t[i + 1] == t[i] ? ends[static_cast<size_t>(i + 1)] : i;
  const torch::Tensor end = torch::tensor(ends, torch::kInt64).to(risk.device());
  const torch::Tensor r_sorted = r.index_select(0, index);
  const torch::Tensor e_sorted = event.index_select(0, index);
  const torch::Tensor log_risk_set = torch::logcumsumexp(r_sorted, 0).index_select(0, end);
  const double events = e_sorted.sum().item<double>();
  if (events == 0) return (r * 0).sum();
  return -((r_sorted - log_risk_set) * e_sorted).sum() / events;
}

// The trainer's loss between a model's outputs [n, output_size] and targets [n, target_width].
torch::Tensor supervised_loss(const std::string& loss, const torch::Tensor& outputs, const torch::Tensor& targets) {
  if (loss == "cox") return cox_loss(outputs, targets);
  const torch::Tensor y = targets.reshape(outputs.sizes());
  if (loss == "bce") return torch::binary_cross_entropy_with_logits(outputs, y);
  if (loss == "mae") return torch::l1_loss(outputs, y);
  return torch::mse_loss(outputs, y);
}

// Targets per sample that a loss needs: time and event for cox, else one per output.
void check_targets(const rgt_trainer& t, const float* targets, int64_t target_width) {
  require(targets != nullptr, "targets must not be NULL");
  const int64_t outputs = t.model->output_size();
  if (t.loss == "cox") {
    require(outputs == 1, "the cox loss needs a model with one output (the risk score)");
    require(target_width == 2, "the cox loss needs two targets per sample: time and event (1 = event, 0 = censored)");
  } else if (target_width != outputs) {
    throw std::invalid_argument("the " + t.loss + " loss needs one target per output: the model has " +
                                std::to_string(outputs) + " outputs, the targets " + std::to_string(target_width) +
                                " per sample");
  }
}

void check_image_shape(int32_t channels, int32_t height, int32_t width) {
  require(channels > 0 && height > 0 && width > 0, "channels, height and width must be positive");
}

std::string layer_name(const char* layer) { return layer == nullptr ? std::string() : std::string(layer); }

}  // namespace
}  // namespace rgt

using namespace rgt;

extern "C" {

RGT_API const char* rgt_last_error(void) { return last_error.c_str(); }

RGT_API int32_t rgt_abi_version(int32_t* version) {
  return guarded([&] {
    require(version != nullptr, "version must not be NULL");
    *version = RGT_ABI_VERSION;
  });
}

RGT_API int32_t rgt_torch_version(const char** version) {
  return guarded([&] {
    require(version != nullptr, "version must not be NULL");
    *version = TORCH_VERSION;
  });
}

RGT_API int32_t rgt_set_seed(uint64_t seed) {
  return guarded([&] { torch::manual_seed(seed); });
}

RGT_API int32_t rgt_set_num_threads(int32_t threads) {
  return guarded([&] {
    require(threads > 0, "threads must be positive");
    requested_threads.store(threads);
    at::set_num_threads(threads);
  });
}

RGT_API int32_t rgt_get_num_threads(int32_t* threads) {
  return guarded([&] {
    require(threads != nullptr, "threads must not be NULL");
    apply_thread_count();
    *threads = at::get_num_threads();
  });
}

RGT_API int32_t rgt_set_flush_denormals(int32_t enabled) {
  return guarded([&] { flush_denormals.store(enabled != 0); });
}

RGT_API int32_t rgt_set_deterministic(int32_t enabled) {
  return guarded([&] {
    at::globalContext().setDeterministicAlgorithms(enabled != 0, /*warn_only=*/true);
    at::globalContext().setDeterministicCuDNN(enabled != 0);
    at::globalContext().setBenchmarkCuDNN(enabled == 0);
  });
}

RGT_API int32_t rgt_cuda_is_available(int32_t* available) {
  return guarded([&] {
    require(available != nullptr, "available must not be NULL");
    *available = torch::cuda::is_available() ? 1 : 0;
  });
}

RGT_API int32_t rgt_cuda_device_count(int32_t* count) {
  return guarded([&] {
    require(count != nullptr, "count must not be NULL");
    *count = static_cast<int32_t>(torch::cuda::device_count());
  });
}

RGT_API int32_t rgt_cuda_device_name(int32_t index, char* buffer, int32_t capacity, int32_t* length) {
  std::string name;
  const int32_t status = guarded([&] {
    const int64_t count = static_cast<int64_t>(torch::cuda::device_count());
    if (index < 0 || index >= count) {
      throw Error(RGT_DEVICE_UNAVAILABLE,
                  "CUDA device " + std::to_string(index) + " does not exist (" + std::to_string(count) + " visible)");
    }
#if defined(RGT_WITH_CUDA)
    name = at::cuda::getDeviceProperties(static_cast<c10::DeviceIndex>(index))->name;
#else
    // libtorch reports devices through its CUDA hooks, but the name needs the CUDA headers.
    name = "cuda:" + std::to_string(index);
#endif
  });
  return status != RGT_OK ? status : write_string(name, buffer, capacity, length);
}

RGT_API int32_t rgt_model_create(const char* config_json, const char* device, rgt_model** model) {
  return guarded([&] {
    require(model != nullptr, "model must not be NULL");
    *model = nullptr;
    require(config_json != nullptr, "config_json must not be NULL");
    const json::Value config = json::parse(config_json);
    const torch::Device target = resolve_device(device);
    auto handle = std::make_unique<rgt_model>();
    handle->model = create_model(config, target, draw_seed_from_default_generator());
    *model = handle.release();
  });
}

RGT_API int32_t rgt_model_free(rgt_model* model) {
  return guarded([&] { delete model; });
}

RGT_API int32_t rgt_model_describe(const rgt_model* model, char* buffer, int32_t capacity, int32_t* length) {
  std::string text;
  const int32_t status = guarded([&] {
    require(model != nullptr, "model must not be NULL");
    text = describe(*model->model);
  });
  return status != RGT_OK ? status : write_string(text, buffer, capacity, length);
}

RGT_API int32_t rgt_model_get_parameter(const rgt_model* model, const char* name, float* buffer, int64_t length) {
  return guarded([&] {
    require(model != nullptr && name != nullptr && buffer != nullptr, "model, name and buffer must not be NULL");
    const auto parameters = model->model->module().named_parameters();
    const torch::Tensor* found = parameters.find(name);
    if (found == nullptr) throw std::invalid_argument(std::string("no parameter named '") + name + "'");
    if (found->numel() != length) {
      throw std::invalid_argument(std::string("parameter '") + name + "' has " + std::to_string(found->numel()) +
                                  " elements, buffer has " + std::to_string(length));
    }
    torch::NoGradGuard no_grad;
    torch::from_blob(buffer, found->sizes(), torch::kFloat32).copy_(*found);
  });
}

RGT_API int32_t rgt_model_set_parameter(rgt_model* model, const char* name, const float* buffer, int64_t length) {
  return guarded([&] {
    require(model != nullptr && name != nullptr && buffer != nullptr, "model, name and buffer must not be NULL");
    auto parameters = model->model->module().named_parameters();
    torch::Tensor* found = parameters.find(name);
    if (found == nullptr) throw std::invalid_argument(std::string("no parameter named '") + name + "'");
    if (found->numel() != length) {
      throw std::invalid_argument(std::string("parameter '") + name + "' has " + std::to_string(found->numel()) +
                                  " elements, buffer has " + std::to_string(length));
    }
    torch::NoGradGuard no_grad;
    found->copy_(torch::from_blob(const_cast<float*>(buffer), found->sizes(), torch::kFloat32));
  });
}

RGT_API int32_t rgt_model_predict(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                  float* outputs, int64_t outputs_length) {
  return guarded([&] {
    require(model != nullptr, "model must not be NULL");
    check_batch_arguments(inputs, count, batch_size);
    Model& m = *model->model;
    const int64_t width = m.output_size();
    require(outputs_length == count * width, "outputs_length must equal count x output_size");
    require(count == 0 || outputs != nullptr, "outputs must not be NULL");
    for_each_batch(m, inputs, count, batch_size, [&](int64_t start, const torch::Tensor& batch) {
      torch::from_blob(outputs + start * width, {batch.size(0), width}, torch::kFloat32)
          .copy_(m.forward(batch).reshape({batch.size(0), width}));
    });
  });
}

RGT_API int32_t rgt_model_evaluate(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                   double* mean_loss) {
  return guarded([&] {
    require(model != nullptr && mean_loss != nullptr, "model and mean_loss must not be NULL");
    check_batch_arguments(inputs, count, batch_size);
    require(count > 0, "count must be positive");
    Model& m = *model->model;
    double total = 0.0;
    for_each_batch(m, inputs, count, batch_size, [&](int64_t, const torch::Tensor& batch) {
      total += m.loss(m.forward(batch), batch).item<double>() * static_cast<double>(batch.size(0));
    });
    *mean_loss = total / static_cast<double>(count);
  });
}

RGT_API int32_t rgt_model_encode(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                 float* features, int64_t features_length) {
  return guarded([&] {
    require(model != nullptr, "model must not be NULL");
    check_batch_arguments(inputs, count, batch_size);
    Model& m = *model->model;
    const int64_t width = m.feature_count();
    require(features_length == count * width, "features_length must equal count x feature_count");
    require(count == 0 || features != nullptr, "features must not be NULL");
    for_each_batch(m, inputs, count, batch_size, [&](int64_t start, const torch::Tensor& batch) {
      torch::from_blob(features + start * width, {batch.size(0), width}, torch::kFloat32).copy_(m.encode(batch));
    });
  });
}

RGT_API int32_t rgt_model_reconstruct(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                      float* outputs, int64_t outputs_length) {
  return guarded([&] {
    require(model != nullptr, "model must not be NULL");
    check_batch_arguments(inputs, count, batch_size);
    Model& m = *model->model;
    const int64_t width = m.input_size();
    require(outputs_length == count * width, "outputs_length must equal count x input_size");
    require(count == 0 || outputs != nullptr, "outputs must not be NULL");
    for_each_batch(m, inputs, count, batch_size, [&](int64_t start, const torch::Tensor& batch) {
      torch::from_blob(outputs + start * width, {batch.size(0), width}, torch::kFloat32)
          .copy_(m.forward(batch).reshape({batch.size(0), width}));
    });
  });
}

RGT_API int32_t rgt_model_save(const rgt_model* model, const char* path) {
  return guarded([&] {
    require(model != nullptr && path != nullptr, "model and path must not be NULL");
    Model& m = *model->model;
    torch::serialize::OutputArchive archive;
    m.module().save(archive);
    archive.write(architecture_key, c10::IValue(m.architecture_json()));
    try {
      archive.save_to(path);
    } catch (const c10::Error& e) {
      throw Error(RGT_IO_ERROR, std::string("cannot write weights to '") + path + "': " + e.what_without_backtrace());
    }
  });
}

RGT_API int32_t rgt_model_load(rgt_model* model, const char* path) {
  return guarded([&] {
    require(model != nullptr && path != nullptr, "model and path must not be NULL");
    Model& m = *model->model;
    torch::serialize::InputArchive archive;
    try {
      archive.load_from(path, torch::Device(torch::kCPU));
    } catch (const c10::Error& e) {
      throw Error(RGT_IO_ERROR, std::string("cannot read weights from '") + path + "': " + e.what_without_backtrace());
    }
    c10::IValue saved;
    const std::string saved_architecture =
        archive.try_read(architecture_key, saved) && saved.isString() ? saved.toStringRef() : "(unknown)";
    const auto mismatch = [&](const std::string& detail) {
      return std::invalid_argument(std::string("weights in '") + path + "' do not fit this model (" + detail +
                                   "); saved architecture " + saved_architecture + ", this model " +
                                   m.architecture_json());
    };

    if (saved_architecture != "(unknown)" && saved_architecture != m.architecture_json()) {
      throw mismatch("the architectures differ");
    }
    // Read into a CPU twin first so names and shapes are checked before any live weight changes;
    // copying into the live tensors keeps the optimizer's references valid.
    auto twin = create_model(json::parse(m.architecture_json()), torch::Device(torch::kCPU), 0);
    try {
      twin->module().load(archive);
    } catch (const c10::Error& e) {
      throw mismatch(e.what_without_backtrace());
    }
    auto live = m.module().named_parameters();
    const auto loaded = twin->module().named_parameters();
    for (const auto& item : live) {
      const torch::Tensor* source = loaded.find(item.key());
      if (source == nullptr || !source->sizes().equals(item.value().sizes())) {
        throw mismatch("parameter '" + item.key() + "' differs in shape");
      }
    }
    torch::NoGradGuard no_grad;
    for (auto& item : live) item.value().copy_(*loaded.find(item.key()));
  });
}

RGT_API int32_t rgt_trainer_create(rgt_model* model, const char* options_json, rgt_trainer** trainer) {
  return guarded([&] {
    require(trainer != nullptr, "trainer must not be NULL");
    *trainer = nullptr;
    require(model != nullptr, "model must not be NULL");
    const json::Value options = json::parse(options_json == nullptr || *options_json == '\0' ? "{}" : options_json);
    json::ObjectReader r(options, "trainer options");
    const std::string optimizer = r.string("optimizer", "adam");
    const double learning_rate = r.number("learning_rate", 1e-3);
    const double beta1 = r.number("adam_beta1", 0.9);
    const double beta2 = r.number("adam_beta2", 0.999);
    const double epsilon = r.number("adam_epsilon", 1e-7);  // Keras' default, not PyTorch's 1e-8
    const double weight_decay = r.number("weight_decay", 0.0);
    const int64_t batch_size = r.integer("batch_size", 64);
    const double noise_std = r.number("input_noise_std", 0.05);
    const bool clip = r.boolean("clip_noisy_input", true);
    const uint64_t seed = r.has("seed") ? r.unsigned_integer("seed") : mix(model->model->seed);
    const int64_t warmup_steps = r.integer("warmup_steps", 0);
    const std::string schedule = r.string("schedule", "constant");
    const int64_t total_steps = r.integer("total_steps", 0);
    const int64_t decay_steps = r.integer("decay_steps", 0);
    const double average_decay = r.number("average_decay", 0.0);
    const double momentum = r.number("momentum", 0.0);
    const bool nesterov = r.boolean("nesterov", false);
    const int64_t step_size = r.integer("step_size", 1);
    const double gamma = r.number("gamma", 1.0);
    const double decay_rate = r.number("decay_rate", 0.0);
    const std::string loss = r.string("loss", "mse");
    r.finish();
    if (loss != "mse" && loss != "mae" && loss != "bce" && loss != "cox") {
      throw std::invalid_argument("trainer options: unknown loss '" + loss + "' (known: mse, mae, bce, cox)");
    }
    require(momentum >= 0 && momentum < 1, "trainer options: momentum must lie in [0, 1)");
    require(!nesterov || momentum > 0, "trainer options: nesterov needs momentum > 0");
    require(step_size > 0, "trainer options: step_size must be positive");
    require(gamma > 0 && gamma <= 1, "trainer options: gamma must lie in (0, 1]");
    require(decay_rate >= 0, "trainer options: decay_rate must not be negative");
    require(average_decay >= 0 && average_decay < 1, "trainer options: average_decay must lie in [0, 1)");
    require(warmup_steps >= 0, "trainer options: warmup_steps must not be negative");
    if (schedule != "constant" && schedule != "cosine" && schedule != "inverse_sqrt" && schedule != "step" &&
        schedule != "exponential" && schedule != "inverse_time") {
      throw std::invalid_argument("trainer options: unknown schedule '" + schedule +
                                  "' (known: constant, cosine, inverse_sqrt, step, exponential, inverse_time)");
    }
    require(schedule != "inverse_sqrt" || decay_steps > 0, "trainer options: the inverse_sqrt schedule needs decay_steps > 0");
    require(schedule != "cosine" || total_steps > warmup_steps,
            "trainer options: the cosine schedule needs total_steps greater than warmup_steps");
    if (optimizer != "adam" && optimizer != "sgd") {
      throw std::invalid_argument("trainer options: unknown optimizer '" + optimizer + "' (known: adam, sgd)");
    }
    require(learning_rate > 0, "trainer options: learning_rate must be positive");
    require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "trainer options: Adam betas must lie in [0, 1)");
    require(epsilon > 0, "trainer options: adam_epsilon must be positive");
    require(weight_decay >= 0, "trainer options: weight_decay must not be negative");
    require(batch_size > 0, "trainer options: batch_size must be positive");
    require(noise_std >= 0, "trainer options: input_noise_std must not be negative");

    auto handle = std::make_unique<rgt_trainer>();
    handle->model = model->model;
    handle->sgd = optimizer == "sgd";
    if (handle->sgd) {
      handle->optimizer = std::make_unique<torch::optim::SGD>(
          handle->model->module().parameters(),
          torch::optim::SGDOptions(learning_rate).momentum(momentum).nesterov(nesterov).weight_decay(weight_decay));
    } else {
      handle->optimizer = std::make_unique<torch::optim::Adam>(
          handle->model->module().parameters(), torch::optim::AdamOptions(learning_rate)
                                                    .betas(std::make_tuple(beta1, beta2))
                                                    .eps(epsilon)
                                                    .weight_decay(weight_decay));
    }
    handle->loss = loss;
    handle->step_size = step_size;
    handle->gamma = gamma;
    handle->decay_rate = decay_rate;
    handle->generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    handle->batch_size = batch_size;
    handle->noise_std = noise_std;
    handle->clip_noisy_input = clip;
    handle->base_learning_rate = learning_rate;
    handle->warmup_steps = warmup_steps;
    handle->schedule = schedule;
    handle->total_steps = total_steps;
    handle->decay_steps = decay_steps;
    handle->average_decay = average_decay;
    if (average_decay > 0) {
      torch::NoGradGuard no_grad;
      for (const auto& p : handle->model->module().parameters()) handle->average.push_back(p.detach().clone());
    }
    *trainer = handle.release();
  });
}

RGT_API int32_t rgt_trainer_free(rgt_trainer* trainer) {
  return guarded([&] { delete trainer; });
}

RGT_API int32_t rgt_trainer_train_epoch(rgt_trainer* trainer, const float* inputs, int64_t count,
                                        const int64_t* order, int64_t order_length, rgt_progress_fn progress,
                                        void* user_data, const volatile int32_t* cancel, double* mean_loss) {
  return guarded([&] {
    require(trainer != nullptr && mean_loss != nullptr, "trainer and mean_loss must not be NULL");
    check_batch_arguments(inputs, count, trainer->batch_size);
    require(count > 0, "count must be positive");
    Model& m = *trainer->model;
    require(!trainer->average_in, "the model holds the averaged weights: swap them out (rgt_trainer_swap_average) before training on");
    const CallerFloatingPointState caller_state;
    prepare_calling_thread();

    torch::Tensor visit;
    if (order != nullptr) {
      require(order_length > 0, "order_length must be positive");
      visit = torch::from_blob(const_cast<int64_t*>(order), {order_length}, torch::kInt64);
      const int64_t lowest = visit.min().item<int64_t>();
      const int64_t highest = visit.max().item<int64_t>();
      require(lowest >= 0 && highest < count, "order entries must lie in [0, count)");
    } else {
      visit = torch::randperm(count, trainer->generator, torch::kInt64);
    }
    const int64_t samples = visit.size(0);
    const int64_t batch_size = trainer->batch_size;
    const int64_t batch_count = (samples + batch_size - 1) / batch_size;

    const torch::Tensor all = samples_view(m, inputs, count);
    m.module().train();
    double total = 0.0;
    int64_t seen = 0;
    for (int64_t b = 0; b < batch_count; ++b) {
      if (cancel != nullptr && *cancel != 0) {
        throw Error(RGT_CANCELLED, "training cancelled after " + std::to_string(b) + " of " +
                                       std::to_string(batch_count) + " batches");
      }
      const torch::Tensor clean_cpu = all.index_select(0, visit.slice(0, b * batch_size, (b + 1) * batch_size));
      torch::Tensor noisy_cpu = clean_cpu;
      if (trainer->noise_std > 0) {
        // Drawn on the CPU from the trainer's generator, so the noise is the same on every device.
        noisy_cpu = clean_cpu + trainer->noise_std * torch::randn(clean_cpu.sizes(), trainer->generator, torch::kFloat32);
        if (trainer->clip_noisy_input) noisy_cpu.clamp_(0.0, 1.0);
      }
      const torch::Tensor clean = clean_cpu.to(m.device);
      const torch::Tensor noisy = noisy_cpu.to(m.device);

      apply_learning_rate(*trainer);
      trainer->optimizer->zero_grad();
      torch::Tensor loss = m.loss(m.forward(noisy), clean);
      loss.backward();
      trainer->optimizer->step();
      ++trainer->steps_taken;
      if (trainer->average_decay > 0) {
        torch::NoGradGuard no_grad;
        const double t = static_cast<double>(trainer->steps_taken);
        const double decay = std::min(trainer->average_decay, (1.0 + t) / (10.0 + t));
        const auto parameters = m.module().parameters();
        for (size_t i = 0; i < parameters.size(); ++i) trainer->average[i].mul_(decay).add_(parameters[i].detach(), 1.0 - decay);
      }

      const int64_t n = clean_cpu.size(0);
      total += loss.item<double>() * static_cast<double>(n);
      seen += n;
      if (progress != nullptr) progress(user_data, b + 1, batch_count, total / static_cast<double>(seen));
    }
    *mean_loss = total / static_cast<double>(seen);
    ++trainer->epochs_done;
  });
}

RGT_API int32_t rgt_trainer_fit_epoch(rgt_trainer* trainer, const float* inputs, int64_t count, const float* targets,
                                      int64_t target_width, const int64_t* order, int64_t order_length,
                                      rgt_progress_fn progress, void* user_data, const volatile int32_t* cancel,
                                      double* mean_loss) {
  return guarded([&] {
    require(trainer != nullptr && mean_loss != nullptr, "trainer and mean_loss must not be NULL");
    check_batch_arguments(inputs, count, trainer->batch_size);
    require(count > 0, "count must be positive");
    check_targets(*trainer, targets, target_width);
    require(trainer->noise_std == 0, "input noise belongs to rgt_trainer_train_epoch: create the trainer with input_noise_std 0");
    require(!trainer->average_in, "the model holds the averaged weights: swap them out (rgt_trainer_swap_average) before training on");
    Model& m = *trainer->model;
    const CallerFloatingPointState caller_state;
    prepare_calling_thread();

    torch::Tensor visit;
    if (order != nullptr) {
      require(order_length > 0, "order_length must be positive");
      visit = torch::from_blob(const_cast<int64_t*>(order), {order_length}, torch::kInt64);
      require(visit.min().item<int64_t>() >= 0 && visit.max().item<int64_t>() < count, "order entries must lie in [0, count)");
    } else {
      visit = torch::randperm(count, trainer->generator, torch::kInt64);
    }
    const int64_t samples = visit.size(0);
    const int64_t batch_size = trainer->batch_size;
    const int64_t batch_count = (samples + batch_size - 1) / batch_size;
    const torch::Tensor all = samples_view(m, inputs, count);
    const torch::Tensor all_targets = torch::from_blob(const_cast<float*>(targets), {count, target_width}, torch::kFloat32);
    m.module().train();
    double total = 0.0;
    int64_t seen = 0;
    for (int64_t b = 0; b < batch_count; ++b) {
      if (cancel != nullptr && *cancel != 0) {
        throw Error(RGT_CANCELLED, "training cancelled after " + std::to_string(b) + " of " +
                                       std::to_string(batch_count) + " batches");
      }
      const torch::Tensor rows = visit.slice(0, b * batch_size, (b + 1) * batch_size);
      const torch::Tensor x = all.index_select(0, rows).to(m.device);
      const torch::Tensor y = all_targets.index_select(0, rows).to(m.device);
      apply_learning_rate(*trainer);
      trainer->optimizer->zero_grad();
      torch::Tensor loss = supervised_loss(trainer->loss, m.forward_train(x, trainer->generator), y);
      loss.backward();
      trainer->optimizer->step();
      ++trainer->steps_taken;
      const int64_t n = x.size(0);
      total += loss.item<double>() * static_cast<double>(n);
      seen += n;
      if (progress != nullptr) progress(user_data, b + 1, batch_count, total / static_cast<double>(seen));
    }
    *mean_loss = total / static_cast<double>(seen);
    ++trainer->epochs_done;
  });
}

RGT_API int32_t rgt_trainer_evaluate(rgt_trainer* trainer, const float* inputs, int64_t count, const float* targets,
                                     int64_t target_width, double* mean_loss) {
  return guarded([&] {
    require(trainer != nullptr && mean_loss != nullptr, "trainer and mean_loss must not be NULL");
    check_batch_arguments(inputs, count, 1);
    require(count > 0, "count must be positive");
    check_targets(*trainer, targets, target_width);
    Model& m = *trainer->model;
    const CallerFloatingPointState caller_state;
    prepare_calling_thread();
    torch::NoGradGuard no_grad;
    m.module().eval();
    const torch::Tensor x = samples_view(m, inputs, count).to(m.device);
    const torch::Tensor y =
        torch::from_blob(const_cast<float*>(targets), {count, target_width}, torch::kFloat32).to(m.device);
    *mean_loss = supervised_loss(trainer->loss, m.forward(x), y).item<double>();
  });
}

RGT_API int32_t rgt_trainer_swap_average(rgt_trainer* trainer) {
  return guarded([&] {
    require(trainer != nullptr, "trainer must not be NULL");
    require(trainer->average_decay > 0, "the trainer keeps no average: create it with average_decay > 0");
    require(trainer->steps_taken > 0, "no training step yet: there is nothing to average");
    torch::NoGradGuard no_grad;
    const auto parameters = trainer->model->module().parameters();
    if (trainer->average_in) {
      for (size_t i = 0; i < parameters.size(); ++i) parameters[i].detach().copy_(trainer->held[i]);
      trainer->held.clear();
    } else {
      for (size_t i = 0; i < parameters.size(); ++i) {
        trainer->held.push_back(parameters[i].detach().clone());
        parameters[i].detach().copy_(trainer->average[i]);
      }
    }
    trainer->average_in = !trainer->average_in;
  });
}

RGT_API int32_t rgt_script_load(const char* path, const char* device, rgt_script** script) {
  return guarded([&] {
    require(script != nullptr, "script must not be NULL");
    *script = nullptr;
    require(path != nullptr && *path != '\0', "path must not be NULL or empty");
    const torch::Device target = resolve_device(device);
    auto handle = std::make_unique<rgt_script>();
    handle->model = load_script(path, target);
    *script = handle.release();
  });
}

RGT_API int32_t rgt_script_free(rgt_script* script) {
  return guarded([&] { delete script; });
}

RGT_API int32_t rgt_script_describe(const rgt_script* script, char* buffer, int32_t capacity, int32_t* length) {
  std::string text;
  const int32_t status = guarded([&] {
    require(script != nullptr, "script must not be NULL");
    text = describe_script(*script->model);
  });
  return status != RGT_OK ? status : write_string(text, buffer, capacity, length);
}

RGT_API int32_t rgt_script_feature_shape(rgt_script* script, const char* layer, int32_t channels, int32_t height,
                                         int32_t width, int64_t* shape, int32_t capacity, int32_t* rank) {
  return guarded([&] {
    require(script != nullptr && rank != nullptr, "script and rank must not be NULL");
    require(capacity >= 0 && (capacity == 0 || shape != nullptr), "shape must hold capacity entries");
    check_image_shape(channels, height, width);
    const CallerFloatingPointState caller_state;
    prepare_calling_thread();
    const torch::Tensor probe = torch::zeros({1, channels, height, width}, torch::kFloat32);
    const auto sizes = script_layer_output(*script->model, layer_name(layer), probe).sizes().slice(1).vec();
    *rank = static_cast<int32_t>(sizes.size());
    std::copy_n(sizes.begin(), std::min<size_t>(sizes.size(), static_cast<size_t>(capacity)), shape);
  });
}

RGT_API int32_t rgt_script_features(rgt_script* script, const char* layer, const float* inputs, int64_t count,
                                    int32_t channels, int32_t height, int32_t width, int64_t batch_size,
                                    float* features, int64_t features_length) {
  return guarded([&] {
    require(script != nullptr, "script must not be NULL");
    check_batch_arguments(inputs, count, batch_size);
    check_image_shape(channels, height, width);
    if (count == 0) {
      require(features_length == 0, "features_length must be 0 for no images");
      return;
    }
    require(features != nullptr, "features must not be NULL");
    const CallerFloatingPointState caller_state;
    prepare_calling_thread();
    const std::string name = layer_name(layer);
    const torch::Tensor all =
        torch::from_blob(const_cast<float*>(inputs), {count, channels, height, width}, torch::kFloat32);
    int64_t per_image = -1;
    for (int64_t start = 0; start < count; start += batch_size) {
      const int64_t end = std::min(count, start + batch_size);
      const torch::Tensor output = script_layer_output(*script->model, name, all.slice(0, start, end)).reshape({end - start, -1});
      if (per_image < 0) {
        // Checked on the first batch, before anything is written.
        per_image = output.size(1);
        if (features_length != count * per_image) {
          throw std::invalid_argument("features_length is " + std::to_string(features_length) + ", but " +
                                      std::to_string(count) + " images x " + std::to_string(per_image) +
                                      " features need " + std::to_string(count * per_image));
        }
      } else if (output.size(1) != per_image) {
        throw Error(RGT_INVALID_ARGUMENT, "the model returned " + std::to_string(output.size(1)) +
                                              " features per image for images " + std::to_string(start) + ".., but " +
                                              std::to_string(per_image) + " for the first batch");
      }
      torch::from_blob(features + start * per_image, {end - start, per_image}, torch::kFloat32).copy_(output);
    }
  });
}

RGT_API int32_t rgt_script_build_sequential(const char* spec_json, const char* path) {
  return guarded([&] {
    require(spec_json != nullptr, "spec_json must not be NULL");
    require(path != nullptr && *path != '\0', "path must not be NULL or empty");
    build_sequential(json::parse(spec_json), path, draw_seed_from_default_generator());
  });
}

}  // extern "C"
