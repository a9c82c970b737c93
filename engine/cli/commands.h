#pragma once
// The sub-commands of `drilltwin`. Each registers its flags on the CLI11 app and returns the
// process exit status: 0 success, 1 runtime failure, 2 invalid input.

#include <CLI/CLI.hpp>
#include <functional>

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
Action add_layout_command(CLI::App& app);
Action add_verify_command(CLI::App& app);

/// Prints every diagnostic of an InputError-like message to stderr and returns kExitInput.
int report_input_error(const std::exception& e);

}  // namespace dt::cli
