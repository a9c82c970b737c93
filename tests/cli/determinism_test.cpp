// Results never depend on the worker count (DESIGN.md §8: "bit-identical for any --threads"),
// checked for every shipped scenario in the spirit of Box2D's test_determinism.c, which hashes the
// whole world for every worker count. Scenarios are discovered by listing scenarios/, so a new one
// is covered without touching this file. Each is run with 1, 2 and 7 threads (7 > replications /
// threads on 2 cores, so workers really interleave and steal) and the output files must be byte-
// identical; summary.json may differ only in its "threads" line. A failure prints the FNV-1a hash
// of every file for every thread count, so one can see at a glance which count diverged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

constexpr unsigned kThreadCounts[] = {1, 2, 7};
// At least 8 replications so that 7 threads each get work; few enough that mm1_benchmark (one
// long replication) keeps the suite short.
constexpr const char* kReplications = "8";

/// Extra flags that shorten a slow scenario without changing what it exercises: mm1_benchmark's
/// million customers per replication would take ~6 s for three thread counts.
std::vector<std::string> shortening_flags(const std::string& scenario) {
  if (scenario == "mm1_benchmark.yaml") return {"--set", "run.max_incidents=100000"};
  return {};
}

/// FNV-1a, 64 bit (Fowler–Noll–Vo; offset basis 14695981039346656037, prime 1099511628211).
uint64_t fnv1a(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The FNV-1a reference values of the empty string and of "a" (from the authors' test vectors),
// so that a broken hash cannot make two different files look alike.
TEST(Determinism, HashIsFnv1a) {
  EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cull);
}

/// summary.json without its top-level `"threads": N,` line (the only field allowed to differ).
std::string without_threads_line(const std::string& summary) {
  std::string out;
  std::size_t at = 0;
  while (at < summary.size()) {
    std::size_t nl = summary.find('\n', at);
    nl = nl == std::string::npos ? summary.size() : nl + 1;
    const std::string_view line(summary.data() + at, nl - at);
    if (!line.starts_with("  \"threads\":")) out.append(line);
    at = nl;
  }
  return out;
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".yaml") names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool is_sweep(const std::string& scenario_file) {
  const std::string text = test::read_file(std::string(DRILLTWIN_SOURCE_DIR) + "/scenarios/" + scenario_file);
  return text.starts_with("sweep:") || text.find("\nsweep:") != std::string::npos;
}

TEST(Determinism, ScenariosAreShipped) { EXPECT_GE(shipped_scenarios().size(), 1u) << "no scenarios/*.yaml found"; }

// One test per scenario (named after it), so a slow one shows and a failure names its scenario.
class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, GivesTheSameBytesForAnyThreadCount) {
  const std::string& scenario = GetParam();
  {
    const bool sweep = is_sweep(scenario);
    const std::vector<std::string> files =
        sweep ? std::vector<std::string>{"summary.json", "points.csv"} : std::vector<std::string>{"summary.json", "replications.csv"};
    // file -> thread count -> contents
    std::map<std::string, std::map<unsigned, std::string>> outputs;
    for (const unsigned threads : kThreadCounts) {
      test::TempDir tmp;
      std::vector<std::string> args{sweep ? "sweep" : "run", "scenarios/" + scenario, "-r", kReplications,
                                    "--threads", std::to_string(threads), "-q", "--out", tmp / "out"};
      for (std::string& flag : shortening_flags(scenario)) args.push_back(std::move(flag));
      const auto r = test::run_drilltwin(args);
      ASSERT_EQ(r.exit_status, 0) << "threads " << threads << "\n" << r.err;
      for (const std::string& f : files) {
        std::string bytes = test::read_file(tmp / ("out/" + f));
        ASSERT_FALSE(bytes.empty()) << f << " missing with --threads " << threads;
        if (f == "summary.json") bytes = without_threads_line(bytes);
        outputs[f][threads] = std::move(bytes);
      }
    }
    for (const std::string& f : files) {
      const auto& by_threads = outputs[f];
      const std::string& reference = by_threads.at(kThreadCounts[0]);
      bool same = true;
      for (const auto& [threads, bytes] : by_threads) same = same && bytes == reference;
      std::string hashes;
      for (const auto& [threads, bytes] : by_threads)
        hashes += "  --threads " + std::to_string(threads) + ": fnv1a " + std::to_string(fnv1a(bytes)) + " (" +
                  std::to_string(bytes.size()) + " bytes)\n";
      EXPECT_TRUE(same) << scenario << ": " << f << " depends on the thread count\n" << hashes;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Determinism, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param.substr(0, param_info.param.size() - 5);  // drop ".yaml"
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// The "threads" line is really the only thing removed: everything else of summary.json is kept.
TEST(Determinism, OnlyTheThreadsLineIsIgnored) {
  const std::string a = "{\n  \"seed\": 1,\n  \"threads\": 7,\n  \"kpis\": {\n    \"threads\": 3\n  }\n}\n";
  EXPECT_EQ(without_threads_line(a), "{\n  \"seed\": 1,\n  \"kpis\": {\n    \"threads\": 3\n  }\n}\n");
}

}  // namespace
}  // namespace dt
