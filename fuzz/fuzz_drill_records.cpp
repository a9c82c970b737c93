// Fuzz target: the drill-records reader (engine/scenario/drill_records.h) and the binding of the
// records to a site (engine/sim/drill_outcome.h) — what `drilltwin calibrate --records FILE` does
// before it runs anything. The site is the test tower of tests/jobs/data/calibration_tower.yaml,
// built once. The only acceptable failure is an InputError whose diagnostics name a file.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/kernel/input_error.h"
#include "engine/scenario/drill_records.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/drill_outcome.h"
#include "engine/sim/site.h"
#include "fuzz/fuzz_support.h"

namespace {
const dt::Site& tower() {
  static const std::unique_ptr<const dt::Site> site = [] {
    const dt::ScenarioConfig sc = dt::load_scenario(DRILLTWIN_SOURCE_DIR "/tests/jobs/data/calibration_tower.yaml");
    return std::make_unique<const dt::Site>(dt::build_site(sc));
  }();
  return *site;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    dt::DrillRecords records = dt::parse_drill_records(text, "fuzz.csv");
    (void)dt::bind_drill_records(std::move(records), tower());
  } catch (const dt::InputError& e) {
    dt::fuzz::require_named_diagnostics(e);
  }
  return 0;
}
