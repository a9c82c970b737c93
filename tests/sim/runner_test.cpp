// run_replications (engine/sim/runner.h) driven through the `drilltwin run` command, the narrowest
// interface that survives the restructuring of engine/sim: a stationary M/M/2 desk must reproduce
// the Erlang C figures (Kleinrock vol. 1 §3.5).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace dt {
namespace {

// λ = 5400/h = 1.5/s, exponential service with mean 1 s (μ = 1/s), c = 2: a = 1.5, ρ = 0.75.
// Erlang C: Σ_{k<2} a^k/k! = 1 + 1.5 = 2.5; (a²/2!)·c/(c − a) = 1.125·2/0.5 = 4.5;
// P(wait) = 4.5/(2.5 + 4.5) = 9/14 = 0.642857; E[Wq] = P/(cμ − λ) = (9/14)/0.5 = 1.285714 s;
// time in system E[W] = E[Wq] + 1/μ = 2.285714 s; utilisation ρ = 0.75.
constexpr const char* kMM2 = R"(name: mm2_check
run:
  replications: 8
  seed: 3
  max_incidents: 50000
incidents:
  arrivals:
    rate_per_hour: 5400
  service_time:
    dist: exponential
    mean: 1 s
staff:
  count: 2
dispatch:
  strategy: fifo
)";

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(Runner, StationaryDeskReproducesErlangC) {
  test::TempDir tmp;
  write(tmp / "mm2.yaml", kMM2);
  const auto r = test::run_drilltwin({"run", tmp / "mm2.yaml", "-q", "--threads", "2", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  const auto k = nlohmann::json::parse(test::read_file(tmp / "o/summary.json"))["kpis"];
  // 8 × 50,000 customers: the tolerances are a few standard errors of these run lengths (at ρ = 0.75
  // the waits are strongly autocorrelated, so about 5 % on E[Wq]).
  EXPECT_NEAR(k["dispatch.response_time_s"]["mean"].get<double>(), 9.0 / 7.0, 0.08);
  EXPECT_NEAR(k["dispatch.waited_fraction"]["mean"].get<double>(), 9.0 / 14.0, 0.015);
  EXPECT_NEAR(k["dispatch.resolution_time_s"]["mean"].get<double>(), 16.0 / 7.0, 0.08);
  EXPECT_NEAR(k["dispatch.staff_utilization"]["mean"].get<double>(), 0.75, 0.01);
  EXPECT_EQ(k["dispatch.incidents"]["mean"].get<double>(), 50000.0);  // max_incidents is honoured
}

}  // namespace
}  // namespace dt
