// The error type shared by the bridge's translation units.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace rgt {

// An error that already knows which ABI status it maps to.
struct Error : std::runtime_error {
  Error(int32_t status, const std::string& message) : std::runtime_error(message), status(status) {}
  int32_t status;
};

}  // namespace rgt
