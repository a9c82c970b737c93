#pragma once
// The sub-commands of `drilltwin`. Each registers its flags on the CLI11 app and returns the
// process exit status: 0 success, 1 runtime failure, 2 invalid input.

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <vector>

#include "engine/kernel/input_error.h"

namespace dt::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;
inline constexpr int kExitInput = 2;

/// A sub-command: registers itself on `app` and returns the action to run once parsing succeeded.
using Action = std::function<int()>;

Action add_run_command(CLI::App& app);
Action add_validate_command(CLI::App& app);
Action add_sweep_command(CLI::App& app);  ///< sweep_command.cpp
Action add_merge_command(CLI::App& app);  ///< merge_command.cpp
Action add_compare_command(CLI::App& app);  ///< compare_command.cpp
Action add_optimize_command(CLI::App& app);  ///< optimize_command.cpp
Action add_plan_command(CLI::App& app);      ///< plan_command.cpp
Action add_calibrate_command(CLI::App& app);      ///< calibrate_command.cpp
Action add_drill_records_command(CLI::App& app);  ///< calibrate_command.cpp
Action add_layout_command(CLI::App& app);
Action add_verify_command(CLI::App& app);
Action add_fit_demand_command(CLI::App& app);     ///< demand_command.cpp
Action add_forecast_command(CLI::App& app);       ///< demand_command.cpp
Action add_synth_history_command(CLI::App& app);  ///< demand_command.cpp
Action add_access_command(CLI::App& app);  ///< access_command.cpp
Action add_import_command(CLI::App& app);  ///< import_command.cpp

/// Prints the diagnostics of an InputError to stderr (print_diagnostics), then "N errors; nothing
/// was run." when there is more than one; any other exception as its message. Returns kExitInput.
int report_input_error(const std::exception& e);

/// At most this many errors and warnings are printed; the rest are counted (diagnostics_report.cpp).
inline constexpr std::size_t kMaxShownProblems = 50;

struct DiagnosticCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

/// Prints `diagnostics` to stderr as FILE:LINE:COL: error|warning|note: MESSAGE, one a line: the
/// first kMaxShownProblems errors and warnings, each with the notes that follow it, then
/// "… and 299,950 more errors" for the rest. Returns how many errors and warnings there were.
DiagnosticCounts print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace dt::cli
