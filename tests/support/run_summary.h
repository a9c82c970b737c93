#pragma once
// A run's summary.json through the one summary writer (engine/output/summary.h), for tests.

#include <cstdint>
#include <span>
#include <string>

#include "engine/output/summary.h"

namespace dt::test {

struct RunHeader {
  std::string version, scenario;
  uint64_t seed = 0, replications = 0;
  uint32_t threads = 0;
};

inline std::string run_summary(const RunHeader& h, const KpiTable& table, std::span<const KpiTarget> targets = {}) {
  Summary s;
  s.version = h.version;
  s.scenario = h.scenario;
  s.seed = h.seed;
  s.replications = h.replications;
  s.threads = h.threads;
  s.kpis = &table;
  s.targets = targets;
  return summary_json(s);
}

}  // namespace dt::test
