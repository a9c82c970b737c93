#pragma once
// FNV-1a, 64 bits: a fixed, portable hash of bytes (sweep fingerprints, the file hashes of an
// output directory's manifest). Not for security; for telling contents apart.

#include <cstdint>
#include <string_view>

namespace dt {

inline constexpr uint64_t kFnv1a64Basis = 14695981039346656037ull;

/// Continues the hash `h` over `bytes`.
[[nodiscard]] constexpr uint64_t fnv1a64(std::string_view bytes, uint64_t h = kFnv1a64Basis) noexcept {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace dt
