// Tests for engine/scenario/suggest.cpp: "did you mean" for misspelt keys and choices.

#include "engine/kernel/suggest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dt {
namespace {

const std::vector<std::string> kScenarioKeys = {"layout", "population", "staff",   "sensors", "hazards",
                                                "incidents", "dispatch", "kpis", "targets", "run",
                                                "sweep",  "outputs"};
const std::vector<std::string> kRunKeys = {"duration", "replications", "seed", "threads"};

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("staff", "stafff"), 1u);
}

TEST(EditDistance, SwapOfNeighboursCostsOne) {
  EXPECT_EQ(edit_distance("widht", "width"), 1u);
  EXPECT_EQ(edit_distance("rnu", "run"), 1u);
  // Optimal string alignment: a swapped pair is not edited again ("ca" -> "abc" is 3, not 2).
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);
}

TEST(ClosestMatch, SuggestsTheIntendedKeyForCommonTypos) {
  EXPECT_EQ(closest_match("widht", std::vector<std::string>{"height", "width", "floors"}), "width");
  EXPECT_EQ(closest_match("replicatoins", kRunKeys), "replications");
  EXPECT_EQ(closest_match("stafff", kScenarioKeys), "staff");
  EXPECT_EQ(closest_match("rnu", kScenarioKeys), "run");
  EXPECT_EQ(closest_match("dispatc", kScenarioKeys), "dispatch");
  EXPECT_EQ(closest_match("neerest", std::vector<std::string>{"fifo", "nearest", "optimal"}), "nearest");
}

TEST(ClosestMatch, SuggestsNothingForUnrelatedWords) {
  EXPECT_FALSE(closest_match("zzz_unknown_option", kScenarioKeys).has_value());
  EXPECT_FALSE(closest_match("zzz_unknown_option", kRunKeys).has_value());
  EXPECT_FALSE(closest_match("colour", kRunKeys).has_value());
  EXPECT_FALSE(closest_match("anything", std::vector<std::string>{}).has_value());
}

TEST(ClosestMatch, NeverSuggestsReplacingEveryLetter) {
  // One edit, but nothing of the word is left: not a plausible typo.
  EXPECT_FALSE(closest_match("a", std::vector<std::string>{"b"}).has_value());
  EXPECT_FALSE(closest_match("x", std::vector<std::string>{"run"}).has_value());
}

TEST(ClosestMatch, IgnoresLetterCase) {
  EXPECT_EQ(closest_match("Width", std::vector<std::string>{"height", "width"}), "width");
  EXPECT_EQ(closest_match("FIFO", std::vector<std::string>{"fifo", "nearest"}), "fifo");
}

TEST(ClosestMatch, BreaksTiesByCandidateOrder) {
  // "bat" is one edit from both; the first listed wins, whichever order.
  EXPECT_EQ(closest_match("bat", std::vector<std::string>{"cat", "hat"}), "cat");
  EXPECT_EQ(closest_match("bat", std::vector<std::string>{"hat", "cat"}), "hat");
  // A closer candidate later in the list still wins.
  EXPECT_EQ(closest_match("seeds", std::vector<std::string>{"speed", "seed"}), "seed");
}

}  // namespace
}  // namespace dt
