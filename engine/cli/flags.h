#pragma once
// Strict checks for the values of command-line flags, shared by the sub-commands.
//
// CLI11 converts numbers with strtoull/strtod: "-1" wraps to 18446744073709551615, "0x10" is 16,
// "010" is 8 and NaN passes a range check. Every number flag of drilltwin goes through these
// validators instead, so that a value is either exactly what the user wrote or an error (exit 2).

#include <CLI/CLI.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/number_text.h"  // parse_decimal, parse_finite_decimal

namespace dt::cli {

/// Validator (use with CLI::Option::transform) for a whole number between `lo` and `hi` written
/// in decimal digits; it rewrites the value without leading zeros, so that CLI11's own conversion
/// (which reads "010" as octal) sees the number the user meant. Errors read
/// "--seed: expected a whole number of decimal digits (0 to 18446744073709551615), got '0x10'".
[[nodiscard]] CLI::Validator whole_number(std::uint64_t lo = 0,
                                          std::uint64_t hi = std::numeric_limits<std::uint64_t>::max());

/// Validator for a finite decimal number between `lo` and `hi` (no NaN, infinity or hex floats).
[[nodiscard]] CLI::Validator finite_number(double lo, double hi);

/// Adds --allow-include-outside: `!include` may read YAML files anywhere, not only in the include
/// root of the file (its folder and below, or the folder marked by .drilltwin-root above it).
CLI::Option* add_include_flag(CLI::App* cmd, bool& allow);

/// Adds --drill-add STEP (repeatable): a drill step written as a YAML flow map, e.g.
/// "{at: 10 min, close: C3/S1}", appended to the scenario's drill timeline.
CLI::Option* add_drill_add_flag(CLI::App* cmd, std::vector<std::string>& steps);

/// The overrides a scenario loader takes (engine/scenario/scenario_loader.h): the --drill-add steps
/// first (so that --set drill.NAME... can change a step added on the command line), then the --set
/// assignments, each in command-line order.
[[nodiscard]] std::vector<std::string> scenario_overrides(const std::vector<std::string>& drill_steps,
                                                          const std::vector<std::string>& sets);

/// Validator for an option that names a directory or file: the value must not be empty
/// ("--out: needs a directory, got an empty name").
[[nodiscard]] CLI::Validator non_empty_path(const std::string& what);

}  // namespace dt::cli
