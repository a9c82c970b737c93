// How the command line shows problems in its input: compiler style, one per line, and not more
// than a planner can read.
#include <fmt/format.h>

#include "engine/cli/commands.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt::cli {

namespace {
DT_PHRASE(kMoreErrors, "{} more error{}", "{} 个错误{}");
DT_PHRASE(kMoreWarnings, "{} more warning{}", "{} 条警告{}");
DT_PHRASE(kAnd, " and ", "和");
DT_PHRASE(kAndRest, "… and {}", "……另有 {}");
DT_PHRASE(kErrorsNothingRun, "{} errors; nothing was run.", "共 {} 个错误；未运行任何内容。");
}  // namespace

namespace {

/// 299950 → "299,950".
std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_of(std::size_t n, const Phrase& more) {
  return say(more, with_commas(n), lang() == Lang::En && n != 1 ? "s" : "");
}

}  // namespace

DiagnosticCounts print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  DiagnosticCounts counts;
  std::size_t shown = 0, hidden_errors = 0, hidden_warnings = 0;
  bool showing = true;  // whether the last error or warning was shown (its notes follow it)
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::Note) {
      (d.severity == Severity::Error ? counts.errors : counts.warnings) += 1;
      showing = shown < kMaxShownProblems;
      if (showing) {
        ++shown;
      } else {
        (d.severity == Severity::Error ? hidden_errors : hidden_warnings) += 1;
      }
    }
    if (showing) fmt::print(stderr, "{}\n", d.str());
  }
  if (hidden_errors + hidden_warnings > 0) {
    std::string rest;
    if (hidden_errors > 0) rest = count_of(hidden_errors, kMoreErrors);
    if (hidden_warnings > 0) rest += (rest.empty() ? "" : say(kAnd)) + count_of(hidden_warnings, kMoreWarnings);
    fmt::print(stderr, "{}\n", say(kAndRest, rest));
  }
  return counts;
}

int report_input_error(const std::exception& e) {
  const auto* ie = dynamic_cast<const InputError*>(&e);
  if (ie == nullptr) {
    fmt::print(stderr, "{}\n", e.what());
    return kExitInput;
  }
  const DiagnosticCounts counts = print_diagnostics(ie->diagnostics());
  if (counts.errors > 1) fmt::print(stderr, "{}\n", say(kErrorsNothingRun, with_commas(counts.errors)));
  return kExitInput;
}

}  // namespace dt::cli
