// Fuzz target: the work-order history reader (engine/dispatch/work_order_history.h) and what
// `drilltwin fit-demand` and `forecast` do with what it accepts: the demand fit, a forecast of the
// next week and its score against the history (engine/dispatch/demand_fit.h). The types and places
// are those of a small scenario. The only acceptable failure is an InputError; anything else is a
// defect.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/dispatch/demand_fit.h"
#include "engine/dispatch/work_order_history.h"
#include "engine/kernel/input_error.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::filesystem::path file = dt::fuzz::temp_dir() / "fuzz.csv";
  dt::fuzz::write_file(file, data, size);
  try {
    const dt::WorkOrderHistory h = dt::read_work_order_history(
        file.string(), {"water_leak", "power_fault", "security_call", "plumbing_repair", "service_request"},
        {"A1", "A2", "B1", "B2", "outside"});
    const dt::DemandFit fit = dt::fit_demand(h);
    const dt::DemandForecast fc = dt::forecast_demand(fit, h.first_day(), 7);
    (void)dt::score_forecast(fc, h);
    (void)dt::work_order_history_csv(h);
  } catch (const dt::InputError& e) {
    dt::fuzz::require_named_diagnostics(e);
  }
  return 0;
}
