// The libtorch headers the bridge uses, in one place so CMake can precompile them (RGT_PRECOMPILE_HEADERS).
// Narrower than <torch/torch.h>, which costs about half again as long to parse.
#pragma once

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/version.h>

#if defined(RGT_WITH_CUDA)
#include <ATen/cuda/CUDAContext.h>
#endif
