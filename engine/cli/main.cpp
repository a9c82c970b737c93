// drilltwin — emergency-drill and dispatch simulator for residential communities.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/suggest.h"

namespace {

using namespace dt::cli;

// The command word of the command line: the first argument that is not a flag of `drilltwin`
// itself (none of which takes a value).
std::optional<std::string> command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return i + 1 < argc ? std::optional<std::string>(argv[i + 1]) : std::nullopt;
    if (!arg.empty() && arg[0] == '-') continue;
    return std::string(arg);
  }
  return std::nullopt;
}

int g_stdout_errno = 0;  // why writing stdout failed, when fmt threw for it

// Whether `e` is fmt failing to write stdout (it throws a system_error when fwrite comes up short);
// check_stdout reports that once, at the end.
bool stdout_failed(const std::exception& e) {
  if (std::ferror(stdout) == 0) return false;
  if (const auto* se = dynamic_cast<const std::system_error*>(&e)) g_stdout_errno = se->code().value();
  return true;
}

// Output that never reached stdout (a full disk, a closed pipe, /dev/full) is a failure: fmt and
// stdio only buffer it, so the error shows when the buffer is flushed. Called once, at the end.
int check_stdout(int status) {
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    const int err = g_stdout_errno != 0 ? g_stdout_errno : errno != 0 ? errno : EIO;
    std::fprintf(stderr, "drilltwin: error: cannot write to standard output: %s\n", std::strerror(err));
    return status == kExitOk ? kExitRuntime : status;
  }
  return status;
}

int run(int argc, char** argv) {
  CLI::App app{"drilltwin " DRILLTWIN_VERSION
               " — a digital twin of a residential community and an emergency-drill engine.\n"
               "Runs what-if scenarios (evacuations, incidents and staff dispatch) many times over and\n"
               "reports KPIs with 95 % confidence intervals.",
               "drilltwin"};
  app.set_version_flag("--version", DRILLTWIN_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 runtime failure (or stdout could not be written), 2 invalid input (flags,\n"
             "scenario or layout). Includes stay in the scenario's folder tree unless --allow-include-outside.\n"
             "Run `drilltwin COMMAND --help` for the flags of a command. Documentation: docs/user-guide.md");

  std::map<const CLI::App*, Action> actions;
  auto remember = [&](Action a) { actions[app.get_subcommands({}).back()] = std::move(a); };
  remember(add_run_command(app));
  remember(add_validate_command(app));
  remember(add_sweep_command(app));
  remember(add_compare_command(app));
  remember(add_merge_command(app));
  remember(add_layout_command(app));
  remember(add_verify_command(app));

  // CLI11 would print the general help for `drilltwin optimise --help` (and say "A subcommand is
  // required" without it): name the word it did not know instead.
  if (const std::optional<std::string> word = command_word(argc, argv)) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), *word) == names.end()) {
      std::string commands;
      for (const std::string& n : names) commands += (commands.empty() ? "" : ", ") + n;
      if (const auto close = dt::closest_match(*word, names))
        fmt::print(stderr, "drilltwin: error: unknown command '{}' (did you mean '{}'?)\n", *word, *close);
      else
        fmt::print(stderr, "drilltwin: error: unknown command '{}'; the commands are {}\n", *word, commands);
      fmt::print(stderr, "Run `drilltwin --help` for usage.\n");
      return kExitInput;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print("{}", app.help("", CLI::AppFormatMode::All));
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    fmt::print("{}\n", DRILLTWIN_VERSION);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Help requested on a sub-command arrives as CallForHelp from that sub-command.
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      for (const CLI::App* sub : app.get_subcommands())
        if (sub->parsed()) {
          fmt::print("{}", sub->help());
          return kExitOk;
        }
      fmt::print("{}", app.help());
      return kExitOk;
    }
    fmt::print(stderr, "drilltwin: error: {}\nRun `drilltwin --help` for usage.\n", e.what());
    return kExitInput;
  }

  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = actions.find(sub);
    if (it == actions.end()) continue;
    try {
      return it->second();
    } catch (const dt::InputError& e) {
      return report_input_error(e);
    } catch (const std::exception& e) {
      if (!stdout_failed(e)) fmt::print(stderr, "drilltwin: error: {}\n", e.what());
      return kExitRuntime;
    }
  }
  return kExitInput;
}

}  // namespace

int main(int argc, char** argv) {
  int status = kExitRuntime;
  try {
    status = run(argc, argv);
  } catch (const std::exception& e) {  // printing help or version failed (fmt throws on a short write)
    if (!stdout_failed(e)) std::fprintf(stderr, "drilltwin: error: %s\n", e.what());
  }
  return check_stdout(status);
}
