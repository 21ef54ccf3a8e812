/*
 * radiogenomics_torch — a C ABI over libtorch's C++ API for the Radiogenomics stages.
 *
 * Conventions
 *   - Every function except rgt_last_error() returns an int32_t status (RGT_OK = 0).
 *     On failure, rgt_last_error() returns a message for the calling thread; it stays
 *     valid until the next rgt_ call on that thread. No C++ exception crosses this boundary.
 *   - Objects are opaque handles created by *_create (or rgt_script_load) and released by *_free
 *     (NULL is accepted).
 *     A trainer keeps its model alive, so handles may be freed in any order.
 *     One handle must not be used from two threads at once.
 *   - Results come back through out-parameters. Strings written into caller buffers are UTF-8
 *     and NUL-terminated; *length receives the full length (without the NUL), so a caller whose
 *     capacity was too small sees *length >= capacity and calls again with a larger buffer.
 *   - Tensors cross as float32 buffers in row-major order; an image batch is N x C x H x W.
 *   - Configurations are JSON strings; unknown keys are rejected (see native/README.md).
 */
#ifndef RADIOGENOMICS_TORCH_H
#define RADIOGENOMICS_TORCH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  if defined(RGT_BUILDING)
#    define RGT_API __declspec(dllexport)
#  else
#    define RGT_API __declspec(dllimport)
#  endif
#else
#  define RGT_API __attribute__((visibility("default")))
#endif

/* Bumped whenever a signature or the meaning of an argument changes. */
#define RGT_ABI_VERSION 4

enum {
  RGT_OK = 0,
  RGT_INVALID_ARGUMENT = 1,   /* bad pointer, size, JSON or configuration value */
  RGT_TORCH_ERROR = 2,        /* libtorch raised c10::Error */
  RGT_IO_ERROR = 3,           /* a weights file could not be read or written */
  RGT_CANCELLED = 4,          /* the cancellation flag was raised */
  RGT_DEVICE_UNAVAILABLE = 5, /* a CUDA device was asked for but is not there */
  RGT_OUT_OF_MEMORY = 6,
  RGT_INTERNAL_ERROR = 7
};

typedef struct rgt_model rgt_model;
typedef struct rgt_trainer rgt_trainer;
typedef struct rgt_script rgt_script;

/* Called on the training thread after every batch. running_loss is the mean loss per sample so far. */
typedef void (*rgt_progress_fn)(void* user_data, int64_t batches_done, int64_t batch_count, double running_loss);

/* ---- runtime ---------------------------------------------------------------------------- */
RGT_API const char* rgt_last_error(void);
RGT_API int32_t rgt_abi_version(int32_t* version);
/* The libtorch version the bridge was compiled against; the string is static. */
RGT_API int32_t rgt_torch_version(const char** version);
/* Seeds libtorch's default generators (CPU and CUDA); models created without a "seed" draw theirs from it. */
RGT_API int32_t rgt_set_seed(uint64_t seed);
/* Intra-op threads. Re-applied on whichever thread later calls into the bridge. */
RGT_API int32_t rgt_set_num_threads(int32_t threads);
RGT_API int32_t rgt_get_num_threads(int32_t* threads);
/* Flush denormal floats to zero on the CPU (default on, as TensorFlow does); denormals in gradients
 * otherwise slow training several-fold. Applies from the next call on. */
RGT_API int32_t rgt_set_flush_denormals(int32_t enabled);
/* Deterministic algorithms (cuDNN included); CPU kernels are deterministic for a fixed thread count anyway. */
RGT_API int32_t rgt_set_deterministic(int32_t enabled);
RGT_API int32_t rgt_cuda_is_available(int32_t* available);
RGT_API int32_t rgt_cuda_device_count(int32_t* count);
RGT_API int32_t rgt_cuda_device_name(int32_t index, char* buffer, int32_t capacity, int32_t* length);

/* ---- models ----------------------------------------------------------------------------- */
/* device: "cpu", "cuda", "cuda:N", or "auto" (CUDA when available, else CPU). */
RGT_API int32_t rgt_model_create(const char* config_json, const char* device, rgt_model** model);
RGT_API int32_t rgt_model_free(rgt_model* model);
/* JSON: kind, device, seed, architecture, input_shape, input_size, feature_count, parameter_count, parameters[{name, shape}]. */
RGT_API int32_t rgt_model_describe(const rgt_model* model, char* buffer, int32_t capacity, int32_t* length);
/* Copies one parameter (by its dotted name from describe) into buffer; length must equal its element count. */
RGT_API int32_t rgt_model_get_parameter(const rgt_model* model, const char* name, float* buffer, int64_t length);
/* Overwrites one parameter (by its dotted name) from buffer; length must equal its element count. */
RGT_API int32_t rgt_model_set_parameter(rgt_model* model, const char* name, const float* buffer, int64_t length);
/* outputs receives count x output_size floats: the model's evaluation output (no dropout). */
RGT_API int32_t rgt_model_predict(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                  float* outputs, int64_t outputs_length);
/* Mean loss per sample with clean inputs (no noise); inputs hold count x input_size floats. */
RGT_API int32_t rgt_model_evaluate(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                   double* mean_loss);
/* features receives count x feature_count floats; length is checked against that. */
RGT_API int32_t rgt_model_encode(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                 float* features, int64_t features_length);
/* outputs receives count x input_size floats (the model's reconstruction). */
RGT_API int32_t rgt_model_reconstruct(rgt_model* model, const float* inputs, int64_t count, int64_t batch_size,
                                      float* outputs, int64_t outputs_length);
RGT_API int32_t rgt_model_save(const rgt_model* model, const char* path);
/* Loads weights saved from a model of the same architecture; parameter names and shapes are checked. */
RGT_API int32_t rgt_model_load(rgt_model* model, const char* path);

/* ---- training --------------------------------------------------------------------------- */
/* options_json: optimizer settings, batch size, input noise, seed (see native/README.md). */
RGT_API int32_t rgt_trainer_create(rgt_model* model, const char* options_json, rgt_trainer** trainer);
RGT_API int32_t rgt_trainer_free(rgt_trainer* trainer);
/*
 * One pass over the samples. order (optional, order_length entries in [0, count)) fixes the visiting
 * order; when NULL the trainer shuffles with its own seeded generator. progress may be NULL.
 * cancel (optional) is polled before every batch; when it reads non-zero the call returns RGT_CANCELLED
 * and the weights keep the updates of the batches already done.
 */
RGT_API int32_t rgt_trainer_train_epoch(rgt_trainer* trainer, const float* inputs, int64_t count,
                                        const int64_t* order, int64_t order_length, rgt_progress_fn progress,
                                        void* user_data, const volatile int32_t* cancel, double* mean_loss);
/*
 * Supervised training (the trainer's "loss": mse, mae, bce on logits, or cox, Breslow's negative log partial
 * likelihood averaged over the events of each batch). targets hold count x target_width floats: one per model
 * output, or time and event for cox. Batches follow order (or the trainer's seeded shuffle); dropout masks come from
 * the trainer's generator. mean_loss: the batch losses averaged with the batch sizes as weights. Needs a trainer
 * created with input_noise_std 0.
 */
RGT_API int32_t rgt_trainer_fit_epoch(rgt_trainer* trainer, const float* inputs, int64_t count, const float* targets,
                                      int64_t target_width, const int64_t* order, int64_t order_length,
                                      rgt_progress_fn progress, void* user_data, const volatile int32_t* cancel,
                                      double* mean_loss);
/* The trainer's loss on all samples at once (one Cox risk set), in evaluation mode (no dropout). */
RGT_API int32_t rgt_trainer_evaluate(rgt_trainer* trainer, const float* inputs, int64_t count, const float* targets,
                                     int64_t target_width, double* mean_loss);
/*
 * With "average_decay" d > 0 the trainer keeps an exponential moving average of the weights over its steps
 * (Polyak averaging; started at the initial weights, the decay of step t is min(d, (1 + t) / (10 + t)), as
 * TensorFlow's ExponentialMovingAverage with num_updates). This call swaps the model's weights with that average: call it once to evaluate, encode
 * or save the averaged model, and again to continue training (training refuses while the average is in).
 */
RGT_API int32_t rgt_trainer_swap_average(rgt_trainer* trainer);

/* ---- TorchScript models ------------------------------------------------------------------ */
/*
 * A network exported with torch.jit.script or torch.jit.trace and saved with torch.jit.save, loaded with
 * torch::jit::load onto device ("cpu", "cuda", "cuda:N" or "auto") in eval mode. A missing, unreadable
 * or non-TorchScript file fails with RGT_IO_ERROR and a message naming the path.
 */
RGT_API int32_t rgt_script_load(const char* path, const char* device, rgt_script** script);
RGT_API int32_t rgt_script_free(rgt_script* script);
/* JSON: path, device, type (qualified class name), has_forward, forward_schema, parameter_count,
 * children[{name, type, kind, parameter_count, has_forward, flatten_before}] in registration order. */
RGT_API int32_t rgt_script_describe(const rgt_script* script, char* buffer, int32_t capacity, int32_t* length);
/*
 * Which output the features are. layer NULL or "": the module's forward output. Otherwise the name of a
 * top-level child: the children are applied in registration order up to and including that one (the
 * "sequential prefix"), flattening a >2-D tensor before a Linear-like child (a *Linear class, or a
 * Sequential that starts with one) as torchvision's forward does. A model whose forward is not such a
 * sequence must be exported with a wrapper whose forward returns the wanted features.
 * Inputs are N x channels x height x width float32, cast to the model's dtype; outputs come back float32.
 */
/* The shape of one image's output at layer (without the batch dimension), from one zero image:
 * up to capacity entries into shape, the full rank into *rank (call again if *rank > capacity).
 * The feature count is the product of the entries. */
RGT_API int32_t rgt_script_feature_shape(rgt_script* script, const char* layer, int32_t channels, int32_t height,
                                         int32_t width, int64_t* shape, int32_t capacity, int32_t* rank);
/* features receives count x feature_count floats, each image's output flattened in row-major order;
 * features_length must equal that. Runs in batches of batch_size without gradients. */
RGT_API int32_t rgt_script_features(rgt_script* script, const char* layer, const float* inputs, int64_t count,
                                    int32_t channels, int32_t height, int32_t width, int64_t batch_size,
                                    float* features, int64_t features_length);
/* Builds a sequential TorchScript network from spec_json (layers conv2d, batchnorm2d, relu, maxpool2d,
 * adaptive_avgpool2d, flatten, linear; see native/README.md) with seeded weights and saves it to path. */
RGT_API int32_t rgt_script_build_sequential(const char* spec_json, const char* path);

#ifdef __cplusplus
}
#endif

#endif /* RADIOGENOMICS_TORCH_H */
