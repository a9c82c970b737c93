// `drilltwin verify`: the movement model against its hand calculations (docs/validation.md).
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "engine/cli/commands.h"
#include "engine/people/verification.h"
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kColCase, "case", "案例");
DT_PHRASE(kColExpected, "expected", "期望值");
DT_PHRASE(kColResult, "result", "结果");
DT_PHRASE(kColAccepted, "accepted", "可接受范围");
DT_PHRASE(kColSource, "source", "来源");
DT_PHRASE(kPass, "PASS", "通过");
DT_PHRASE(kFail, "FAIL", "失败");
DT_PHRASE(kNoCase, "drilltwin verify: no case matches '{}'", "drilltwin verify: 没有与 '{}' 匹配的案例");
DT_PHRASE(kVerifySummary, "{} case{}, {} passed, {} failed", "共 {} 个案例{}，{} 个通过，{} 个失败");
}  // namespace

namespace {

std::string fmt_value(double v) {
  if (v != 0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3)) return fmt::format("{:.4g}", v);
  return fmt::format("{:.4f}", v);
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
    fmt::print("{:<32} {:>12} {:>12}  {:<28} {:<6}  {}\n", say(kColCase), say(kColExpected), say(kColResult),
               say(kColAccepted), "", say(kColSource));
    for (const VerificationCase& c : verification_cases()) {
      if (!filter->empty() && c.name.find(*filter) == std::string::npos) continue;
      const VerificationOutcome o = run_verification_case(c);
      ++run;
      failed += o.pass ? 0 : 1;
      const std::string range = "[" + fmt_value(c.low) + ", " + fmt_value(c.high) + "] " + c.unit;
      fmt::print("{:<32} {:>12} {:>12}  {:<28} {:<6}  {}\n", c.name, fmt_value(c.expected), fmt_value(o.result), range,
                 o.pass ? say(kPass) : say(kFail), c.source);
    }
    if (run == 0) {
      fmt::print(stderr, "{}\n", say(kNoCase, *filter));
      return kExitInput;
    }
    fmt::print("{}\n", say(kVerifySummary, run, lang() == Lang::En && run != 1 ? "s" : "", run - failed, failed));
    return failed == 0 ? kExitOk : kExitRuntime;
  };
}

}  // namespace dt::cli
