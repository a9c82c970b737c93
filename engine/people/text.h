#pragma once
// Labels with numbers ("F12", "B3.S1"), written so that GCC 12's -Wrestrict false positive on
// `"literal" + std::to_string(n)` stays silent.

#include <string>

namespace dt {

[[nodiscard]] inline std::string numbered(std::string prefix, long long n) {
  prefix += std::to_string(n);
  return prefix;
}

}  // namespace dt
