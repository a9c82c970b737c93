#include "engine/kernel/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace dt {
namespace {

using Block = std::array<uint32_t, 4>;

// Known-answer vectors of Random123 (Salmon et al. 2011), file tests/kat_vectors, lines
// "philox4x32 10 <ctr x4> <key x2> <expected x4>".
TEST(Philox4x32_10, MatchesRandom123KnownAnswers) {
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (Block{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                          {0xffffffff, 0xffffffff}),
            (Block{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                          {0xa4093822, 0x299f31d0}),
            (Block{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Philox4x32_10, IsUsableAtCompileTime) {
  static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5);
}

// FNV-1a 32-bit reference values (Fowler/Noll/Vo test suite).
TEST(PurposeId, IsFnv1a32) {
  static_assert(purpose_id("") == 0x811c9dc5u);
  EXPECT_EQ(purpose_id("a"), 0xe40c292cu);
  EXPECT_EQ(purpose_id("foobar"), 0xbf9cf968u);
  EXPECT_NE(purpose_id("desk.arrivals"), purpose_id("desk.service_time"));
}

// The documented layout: draw 2i / 2i+1 are the low / high halves of Philox block
// ctr = {i lo, i hi, entity lo, entity hi}, key = StreamFamily::derive_key(...).
TEST(RandomStream, FollowsTheDocumentedCounterLayout) {
  const uint64_t entity = 0x0123456789abcdefull;
  const uint64_t key = StreamFamily::derive_key(42, 7, purpose_id("test"));
  RandomStream s(42, 7, purpose_id("test"), entity);
  EXPECT_EQ(s.key(), key);
  const std::array<uint32_t, 2> k{static_cast<uint32_t>(key), static_cast<uint32_t>(key >> 32)};
  for (uint32_t block = 0; block < 3; ++block) {
    const Block r = philox4x32_10({block, 0, 0x89abcdefu, 0x01234567u}, k);
    EXPECT_EQ(s.next_u64(), uint64_t{r[0]} | uint64_t{r[1]} << 32);
    EXPECT_EQ(s.next_u64(), uint64_t{r[2]} | uint64_t{r[3]} << 32);
  }
  EXPECT_EQ(s.draw_count(), 6u);
}

TEST(RandomStream, SameKeyGivesSameSequenceAndCopiesReplay) {
  RandomStream a(1, 2, 3, 4), b(1, 2, 3, 4);
  for (int i = 0; i < 5; ++i) a.next_u64();
  for (int i = 0; i < 5; ++i) b.next_u64();
  RandomStream fork = a;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_EQ(x, fork.next_u64());
  }
}

TEST(RandomStream, FamilyStreamEqualsDirectStream) {
  const StreamFamily family(99, 5, purpose_id("people.premovement"));
  for (uint64_t entity : {uint64_t{0}, uint64_t{1}, uint64_t{1} << 40, ~uint64_t{0}}) {
    RandomStream direct(99, 5, purpose_id("people.premovement"), entity);
    RandomStream from_family = family.stream(entity);
    for (int i = 0; i < 7; ++i) EXPECT_EQ(direct.next_u64(), from_family.next_u64());
  }
}

// Common random numbers: what entity 7 draws does not depend on what other entities drew before,
// in between, or at all.
TEST(RandomStream, EntityDrawsDoNotDependOnDrawOrder) {
  constexpr uint32_t kPurpose = purpose_id("dispatch.service_time");
  std::vector<double> alone;
  {
    RandomStream e7(11, 0, kPurpose, 7);
    for (int i = 0; i < 10; ++i) alone.push_back(e7.uniform01());
  }
  RandomStream e3(11, 0, kPurpose, 3), e7(11, 0, kPurpose, 7), e8(11, 0, kPurpose, 8);
  for (int i = 0; i < 17; ++i) e3.next_u64();
  std::vector<double> interleaved;
  for (int i = 0; i < 10; ++i) {
    e8.standard_normal();
    interleaved.push_back(e7.uniform01());
    e3.exponential(2.0);
  }
  EXPECT_EQ(alone, interleaved);
}

TEST(RandomStream, EachKeyComponentChangesTheSequence) {
  const auto first_draws = [](RandomStream s) {
    return std::array<uint64_t, 4>{s.next_u64(), s.next_u64(), s.next_u64(), s.next_u64()};
  };
  const auto base = first_draws(RandomStream(1, 0, 5, 0));
  EXPECT_NE(base, first_draws(RandomStream(2, 0, 5, 0)));  // seed
  EXPECT_NE(base, first_draws(RandomStream(1, 1, 5, 0)));  // replication
  EXPECT_NE(base, first_draws(RandomStream(1, 0, 6, 0)));  // purpose
  EXPECT_NE(base, first_draws(RandomStream(1, 0, 5, 1)));  // entity
  EXPECT_NE(base, first_draws(RandomStream(1, 0, 5, uint64_t{1} << 32)));  // entity high word
  // Swapping seed and replication must not give the same stream.
  EXPECT_NE(first_draws(RandomStream(3, 4, 5, 0)), first_draws(RandomStream(4, 3, 5, 0)));
}

TEST(RandomStream, KeysOfNeighbouringSeedsAndReplicationsAreDistinct) {
  std::vector<uint64_t> keys;
  for (uint64_t seed = 0; seed < 64; ++seed)
    for (uint64_t rep = 0; rep < 64; ++rep)
      for (uint32_t purpose = 0; purpose < 4; ++purpose)
        keys.push_back(StreamFamily::derive_key(seed, rep, purpose));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(RandomStream, DiscardSkipsExactlyThoseDraws) {
  for (uint64_t skip : {0u, 1u, 2u, 5u, 10u}) {
    RandomStream drawn(5, 6, 7, 8), skipped(5, 6, 7, 8);
    for (uint64_t i = 0; i < skip; ++i) drawn.next_u64();
    skipped.discard(skip);
    EXPECT_EQ(skipped.draw_count(), skip);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(drawn.next_u64(), skipped.next_u64()) << "skip " << skip;
  }
  RandomStream odd(5, 6, 7, 8);
  odd.next_u64();
  RandomStream odd_skipped = odd;
  odd.next_u64();
  odd.next_u64();
  odd_skipped.discard(2);
  EXPECT_EQ(odd.next_u64(), odd_skipped.next_u64());
}

TEST(RandomStream, EveryVariateConsumesExactlyOneDraw) {
  RandomStream s(1, 1, 1, 1);
  s.uniform01();
  EXPECT_EQ(s.draw_count(), 1u);
  s.uniform(2.0, 3.0);
  EXPECT_EQ(s.draw_count(), 2u);
  s.standard_normal();
  EXPECT_EQ(s.draw_count(), 3u);
  s.exponential(5.0);
  EXPECT_EQ(s.draw_count(), 4u);
  s.bernoulli(0.5);
  EXPECT_EQ(s.draw_count(), 5u);
  s.uniform_index(10);
  EXPECT_EQ(s.draw_count(), 6u);
}

TEST(RandomStream, Uniform01IsStrictlyInsideTheUnitInterval) {
  RandomStream s(123, 0, purpose_id("uniform"), 0);
  double lo = 1.0, hi = 0.0;
  for (int i = 0; i < 2'000'000; ++i) {
    const double u = s.uniform01();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  EXPECT_LT(lo, 1e-5);
  EXPECT_GT(hi, 1.0 - 1e-5);
}

// Pearson chi-square over equiprobable bins against the 0.1 % critical value of χ²(bins − 1)
// (computed with mpmath: χ²₀.₉₉₉(99) = 148.23, χ²₀.₉₉₉(255) = 330.52, χ²₀.₉₉₉(9) = 27.88).
double chi_square(const std::vector<uint64_t>& counts, double n) {
  const double expected = n / static_cast<double>(counts.size());
  double chi2 = 0.0;
  for (const uint64_t c : counts) {
    const double d = static_cast<double>(c) - expected;
    chi2 += d * d / expected;
  }
  return chi2;
}

TEST(RandomStream, Uniform01PassesChiSquareWithinAStream) {
  constexpr int kBins = 100, kN = 1'000'000;
  std::vector<uint64_t> counts(kBins);
  RandomStream s(2024, 3, purpose_id("chi2"), 17);
  for (int i = 0; i < kN; ++i) ++counts[static_cast<std::size_t>(s.uniform01() * kBins)];
  EXPECT_LT(chi_square(counts, kN), 148.23);
}

// The model makes one stream per entity and often takes a single draw from each: the first draws
// across entities must be uniform too, and so must pairs of neighbouring entities.
TEST(RandomStream, FirstDrawsAcrossEntitiesPassChiSquare) {
  constexpr int kBins = 100, kN = 500'000;
  const StreamFamily family(7, 0, purpose_id("incident.arrival"));
  std::vector<uint64_t> counts(kBins), pair_counts(kBins);
  double previous = family.stream(0).uniform01();
  for (int e = 0; e < kN; ++e) {
    const double u = family.stream(static_cast<uint64_t>(e) + 1).uniform01();
    ++counts[static_cast<std::size_t>(u * kBins)];
    ++pair_counts[static_cast<std::size_t>(previous * 10) * 10 + static_cast<std::size_t>(u * 10)];
    previous = u;
  }
  EXPECT_LT(chi_square(counts, kN), 148.23);
  EXPECT_LT(chi_square(pair_counts, kN), 148.23);
}

TEST(RandomStream, LowBitsAreUniform) {
  constexpr int kN = 1'000'000;
  std::vector<uint64_t> counts(256);
  RandomStream s(5, 5, 5, 5);
  for (int i = 0; i < kN; ++i) ++counts[s.next_u64() & 0xff];
  EXPECT_LT(chi_square(counts, kN), 330.52);
}

TEST(RandomStream, UniformIndexIsInRangeAndUniform) {
  constexpr int kN = 200'000;
  std::vector<uint64_t> counts(10);
  RandomStream s(8, 8, 8, 8);
  for (int i = 0; i < kN; ++i) {
    const uint64_t k = s.uniform_index(10);
    ASSERT_LT(k, 10u);
    ++counts[k];
  }
  EXPECT_LT(chi_square(counts, kN), 27.88);
  EXPECT_EQ(s.uniform_index(1), 0u);
}

TEST(RandomStream, NormalAndExponentialHaveTheirMoments) {
  constexpr int kN = 1'000'000;
  RandomStream s(31, 4, purpose_id("moments"), 0);
  double sum = 0.0, sum2 = 0.0, esum = 0.0;
  for (int i = 0; i < kN; ++i) {
    const double z = s.standard_normal();
    sum += z;
    sum2 += z * z;
    esum += s.exponential(3.0);
  }
  // 4 standard errors: mean ± 4/√n, variance ± 4·√2/√n, exponential mean ± 4·3/√n.
  const double n = kN;
  EXPECT_NEAR(sum / n, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(sum2 / n, 1.0, 4.0 * std::sqrt(2.0 / n));
  EXPECT_NEAR(esum / n, 3.0, 12.0 / std::sqrt(n));
}

TEST(RandomStream, UniformStaysInItsInterval) {
  RandomStream s(1, 2, 3, 4);
  for (int i = 0; i < 100'000; ++i) {
    const double x = s.uniform(-2.5, 7.0);
    ASSERT_GE(x, -2.5);
    ASSERT_LE(x, 7.0);
  }
}

}  // namespace
}  // namespace dt
