// drilltwin — emergency-drill and dispatch simulator for residential communities.
#include <fmt/format.h>

#include <exception>
#include <map>
#include <string>

#include "engine/cli/commands.h"
#include "engine/kernel/input_error.h"

int main(int argc, char** argv) {
  using namespace dt::cli;
  CLI::App app{"drilltwin " DRILLTWIN_VERSION
               " — a digital twin of a residential community and an emergency-drill engine.\n"
               "Runs what-if scenarios (evacuations, incidents and staff dispatch) many times over and\n"
               "reports KPIs with 95 % confidence intervals.",
               "drilltwin"};
  app.set_version_flag("--version", DRILLTWIN_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 runtime failure, 2 invalid input (flags, scenario or layout).\n"
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
      fmt::print(stderr, "drilltwin: error: {}\n", e.what());
      return kExitRuntime;
    }
  }
  return kExitInput;
}
