// `drilltwin verify`: the movement model against its hand calculations (docs/validation.md).
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/cli/commands.h"
#include "engine/people/verification.h"

namespace dt::cli {

namespace {

std::string fmt_value(double v) {
  char buf[32];
  if (v != 0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3))
    std::snprintf(buf, sizeof buf, "%.4g", v);
  else
    std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

Action add_verify_command(CLI::App& app) {
  auto filter = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("verify", "Run the verification cases of the movement model against hand calculations");
  cmd->add_option("--filter", *filter, "Run only the cases whose name contains NAME (e.g. imo, door, stair, sfpe, rimea)")
      ->type_name("NAME");
  cmd->footer(
      "Prints one row per case: its name, the expected value and its source, the result, the accepted\n"
      "range and PASS/FAIL. Exit status 0 when every case passes, 1 when one fails, 2 when the filter\n"
      "matches no case. The hand calculations are written out in docs/validation.md.");
  return [filter]() -> int {
    int run = 0, failed = 0;
    std::printf("%-32s %12s %12s  %-28s %-6s  %s\n", "case", "expected", "result", "accepted", "", "source");
    for (const VerificationCase& c : verification_cases()) {
      if (!filter->empty() && c.name.find(*filter) == std::string::npos) continue;
      const VerificationOutcome o = run_verification_case(c);
      ++run;
      failed += o.pass ? 0 : 1;
      const std::string range = "[" + fmt_value(c.low) + ", " + fmt_value(c.high) + "] " + c.unit;
      std::printf("%-32s %12s %12s  %-28s %-6s  %s\n", c.name.c_str(), fmt_value(c.expected).c_str(),
                  fmt_value(o.result).c_str(), range.c_str(), o.pass ? "PASS" : "FAIL", c.source.c_str());
    }
    if (run == 0) {
      std::fprintf(stderr, "drilltwin verify: no case matches '%s'\n", filter->c_str());
      return kExitInput;
    }
    std::printf("%d case%s, %d passed, %d failed\n", run, run == 1 ? "" : "s", run - failed, failed);
    return failed == 0 ? kExitOk : kExitRuntime;
  };
}

}  // namespace dt::cli
