#pragma once
// Counter-based random streams for common random numbers.
//
// Every draw is a pure function of (seed, replication, purpose, entity, draw index): the generator
// is Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11), a keyed bijection on 128-bit counters. So a resident's pre-movement time or an incident's
// service time never depends on the order in which other entities drew, on the thread that ran
// the replication, or on how many draws another purpose made. Two strategies compared on the same
// replication therefore see the same random inputs (common random numbers).
//
// Layout (docs/model.md, "Random numbers, distributions and statistics"):
//   key     (64 bit)  = mix(mix(mix(seed + γ) ^ replication) ^ purpose·γ), mix = splitmix64 finaliser
//   counter (128 bit) = { block index lo, block index hi, entity lo, entity hi }
// One Philox call yields two 64-bit draws; the stream buffers them. Streams are small values
// (40 bytes), never allocate, and cost three 64-bit mixes to make.

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/kernel/assert.h"

namespace dt {

/// FNV-1a (32 bit) of a purpose name, e.g. purpose_id("desk.service_time"). Stable across
/// platforms and releases: changing a name changes the streams that purpose sees.
[[nodiscard]] constexpr uint32_t purpose_id(std::string_view name) noexcept {
  uint32_t h = 2166136261u;  // FNV offset basis
  for (const char c : name) {
    h ^= static_cast<uint8_t>(c);
    h *= 16777619u;  // FNV prime
  }
  return h;
}

/// splitmix64 finaliser (Steele, Lea & Flood 2014; constants from Vigna's splitmix64.c):
/// a bijection on 64-bit integers with full avalanche.
[[nodiscard]] constexpr uint64_t mix64(uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/// Philox4x32 with 10 rounds: one block of 128 random bits for (counter, key).
/// Constants from Salmon et al. 2011 / Random123. Exposed for the known-answer tests.
[[nodiscard]] constexpr std::array<uint32_t, 4> philox4x32_10(std::array<uint32_t, 4> ctr,
                                                              std::array<uint32_t, 2> key) noexcept {
  constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // round multipliers
  constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Weyl key increments
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kW0;
      key[1] += kW1;
    }
    const uint64_t p0 = uint64_t{kM0} * ctr[0];
    const uint64_t p1 = uint64_t{kM1} * ctr[2];
    ctr = {static_cast<uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<uint32_t>(p1),
           static_cast<uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<uint32_t>(p0)};
  }
  return ctr;
}

class RandomStream;

/// The streams of one (seed, replication, purpose): hash once, then make a stream per entity for
/// the price of a copy. StreamFamily(s, r, p).stream(e) draws exactly what RandomStream(s, r, p, e)
/// draws.
class StreamFamily {
 public:
  constexpr StreamFamily(uint64_t seed, uint64_t replication, uint32_t purpose) noexcept
      : key_(derive_key(seed, replication, purpose)) {}

  [[nodiscard]] constexpr RandomStream stream(uint64_t entity) const noexcept;
  [[nodiscard]] constexpr uint64_t key() const noexcept { return key_; }

  /// Any change of exactly one of seed, replication or purpose changes the key (each step is a
  /// bijection in each argument); different keys for pairs differing in several components
  /// collide with probability 2^-64.
  [[nodiscard]] static constexpr uint64_t derive_key(uint64_t seed, uint64_t replication,
                                                     uint32_t purpose) noexcept {
    constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ull;  // 2^64 / golden ratio, odd
    return mix64(mix64(mix64(seed + kGamma) ^ replication) ^ (uint64_t{purpose} * kGamma));
  }

 private:
  uint64_t key_;
};

/// One independent sequence of random numbers. A value type: copy it to fork a replay.
class RandomStream {
 public:
  constexpr RandomStream(uint64_t seed, uint64_t replication, uint32_t purpose,
                         uint64_t entity) noexcept
      : RandomStream(StreamFamily::derive_key(seed, replication, purpose), entity) {}

  /// From a key made by StreamFamily::derive_key.
  constexpr RandomStream(uint64_t key, uint64_t entity) noexcept : key_(key), entity_(entity) {}

  /// 64 uniformly distributed bits. Draw i of a stream uses Philox block i/2, half i%2.
  constexpr uint64_t next_u64() noexcept {
    const unsigned half = static_cast<unsigned>(draws_ & 1u);
    if (half == 0) refill(draws_ >> 1);
    ++draws_;
    return buffer_[half];
  }

  /// Uniform on the open interval (0, 1) with 53-bit resolution: k·2^-53 for k = 1 .. 2^53-1,
  /// and 2^-54 in place of 0. Never returns 0 or 1. One draw.
  constexpr double uniform01() noexcept {
    const uint64_t k = next_u64() >> 11;
    return k != 0 ? static_cast<double>(k) * 0x1.0p-53 : 0x1.0p-54;
  }

  /// Uniform on [lo, hi] (hi itself only through rounding). One draw. Needs lo <= hi.
  constexpr double uniform(double lo, double hi) noexcept {
    DT_ASSERT(lo <= hi, "uniform: lo > hi");
    return lo + (hi - lo) * uniform01();
  }

  /// Standard normal by inversion, normal_quantile(uniform01()) (Wichura 1988, AS241): exactly
  /// one draw per sample, monotone in the uniform, |z| <= 8.3.
  double standard_normal() noexcept;

  /// Exponential with the given mean [>= 0] by inversion, -mean·ln(U). One draw.
  double exponential(double mean) noexcept;

  /// True with probability p. One draw.
  constexpr bool bernoulli(double p) noexcept { return uniform01() < p; }

  /// Integer in [0, n) by multiply-shift, floor(x·n / 2^64): one draw, bias <= n / 2^64. n > 0.
  constexpr uint64_t uniform_index(uint64_t n) noexcept {
    DT_ASSERT(n > 0, "uniform_index: n == 0");
    return mul_high(next_u64(), n);
  }

  /// Skips n draws in O(1) (counter-based: no need to generate them).
  constexpr void discard(uint64_t n) noexcept {
    draws_ += n;
    if (draws_ & 1u) refill(draws_ >> 1);
  }

  /// 64-bit draws made so far (including discarded ones).
  [[nodiscard]] constexpr uint64_t draw_count() const noexcept { return draws_; }
  [[nodiscard]] constexpr uint64_t entity() const noexcept { return entity_; }
  [[nodiscard]] constexpr uint64_t key() const noexcept { return key_; }

 private:
  constexpr void refill(uint64_t block) noexcept {
    const std::array<uint32_t, 4> r = philox4x32_10(
        {static_cast<uint32_t>(block), static_cast<uint32_t>(block >> 32),
         static_cast<uint32_t>(entity_), static_cast<uint32_t>(entity_ >> 32)},
        {static_cast<uint32_t>(key_), static_cast<uint32_t>(key_ >> 32)});
    buffer_[0] = uint64_t{r[0]} | (uint64_t{r[1]} << 32);
    buffer_[1] = uint64_t{r[2]} | (uint64_t{r[3]} << 32);
  }

  // High 64 bits of a 64x64-bit product, without the non-standard __int128.
  static constexpr uint64_t mul_high(uint64_t a, uint64_t b) noexcept {
    const uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
    const uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
    const uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi;
    const uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
    return a_hi * b_hi + (hi_lo >> 32) + (cross >> 32);
  }

  uint64_t key_;
  uint64_t entity_;
  uint64_t draws_ = 0;
  std::array<uint64_t, 2> buffer_{};
};

constexpr RandomStream StreamFamily::stream(uint64_t entity) const noexcept {
  return RandomStream(key_, entity);
}

}  // namespace dt
