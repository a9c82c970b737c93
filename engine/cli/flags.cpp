#include "engine/cli/flags.h"
#include "engine/kernel/lang.h"

#include <fmt/format.h>

#include "engine/kernel/lang.h"
#include "engine/scenario/scenario_loader.h"

namespace dt::cli {

namespace {
DT_PHRASE(kTooLarge, "{} is too large: the largest allowed is {}", "{} 过大：允许的最大值为 {}");
DT_PHRASE(kExpectedWhole, "expected a whole number of decimal digits ({} to {}), got '{}'", "应为十进制数字组成的整数（{} 到 {}），实际为 '{}'");
DT_PHRASE(kOutOfRange, "{} is out of range: allowed are {} to {}", "{} 超出范围：允许 {} 到 {}");
DT_PHRASE(kExpectedDecimal, "expected a decimal number from {:g} to {:g}, got '{}'", "应为 {:g} 到 {:g} 之间的十进制数，实际为 '{}'");
DT_PHRASE(kOutOfRangeG, "{} is out of range: allowed are {:g} to {:g}", "{} 超出范围：允许 {:g} 到 {:g}");
DT_PHRASE(kADirectory, "a directory", "一个目录");
DT_PHRASE(kNeedsName, "needs {}, got an empty name", "需要{}，但名称为空");
}  // namespace

namespace {

// The value as the user wrote it, cut short when it is long (a pasted file, say).
std::string shown(std::string_view text) {
  if (text.size() <= 40) return std::string(text);
  return std::string(text.substr(0, 37)) + "...";
}

}  // namespace

CLI::Validator whole_number(std::uint64_t lo, std::uint64_t hi) {
  const bool bounded = lo != 0 || hi != std::numeric_limits<std::uint64_t>::max();
  return CLI::Validator(
      [lo, hi](std::string& value) -> std::string {
        const std::optional<std::uint64_t> v = parse_decimal(value);
        if (!v) {
          const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
          if (digits)  // only digits, but more than 2^64 - 1
            return say(kTooLarge, shown(value), hi);
          return say(kExpectedWhole, lo, hi, shown(value));
        }
        if (*v < lo || *v > hi) return say(kOutOfRange, *v, lo, hi);
        value = std::to_string(*v);  // no leading zeros: CLI11 would read "010" as octal 8
        return {};
      },
      bounded ? fmt::format("UINT in [{} - {}]", lo, hi) : std::string());
}

CLI::Validator finite_number(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& value) -> std::string {
        const std::optional<double> parsed = parse_finite_decimal(value);
        if (!parsed) return say(kExpectedDecimal, lo, hi, shown(value));
        const double v = *parsed;
        if (v < lo || v > hi) return say(kOutOfRangeG, value, lo, hi);
        return {};
      },
      fmt::format("FLOAT in [{:g} - {:g}]", lo, hi));
}

CLI::Option* add_include_flag(CLI::App* cmd, bool& allow) {
  return cmd->add_flag("--allow-include-outside", allow,
                       "Let !include read YAML files outside the file's folder tree (its folder and below, or the "
                       "folder above it holding a .drilltwin-root file)");
}

DT_PHRASE(kDrillAddHelp,
          "Add a step to the drill timeline, a YAML flow map, e.g. --drill-add \"{}\"; may be repeated (give it a "
          "name: to change it with --set drill.NAME...)",
          "向演练时间线添加一个步骤（YAML 流式映射），例如 --drill-add \"{}\"；可重复使用（加上 name: 后可用 "
          "--set drill.NAME... 修改）");

CLI::Option* add_drill_add_flag(CLI::App* cmd, std::vector<std::string>& steps) {
  return cmd->add_option("--drill-add", steps, say(kDrillAddHelp, "{at: 10 min, close: C3/S1}"))->type_name("STEP")->allow_extra_args(false);
}

std::vector<std::string> scenario_overrides(const std::vector<std::string>& drill_steps, const std::vector<std::string>& sets) {
  std::vector<std::string> all;
  all.reserve(drill_steps.size() + sets.size());
  for (const std::string& step : drill_steps) all.push_back(drill_add_override(step));
  all.insert(all.end(), sets.begin(), sets.end());
  return all;
}

CLI::Validator non_empty_path(const std::string& what) {
  return CLI::Validator(
      [what](std::string& value) -> std::string {
        if (value.empty()) return say(kNeedsName, what == kADirectory.en ? say(kADirectory) : what);
        return {};
      },
      std::string());
}

}  // namespace dt::cli
