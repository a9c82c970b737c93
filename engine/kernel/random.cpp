#include "engine/kernel/random.h"

#include <cmath>

#include "engine/kernel/distribution.h"

namespace dt {

double RandomStream::standard_normal() noexcept { return normal_quantile(uniform01()); }

double RandomStream::exponential(double mean) noexcept {
  DT_ASSERT(mean >= 0.0, "exponential: mean < 0");
  return -mean * std::log(uniform01());
}

}  // namespace dt
