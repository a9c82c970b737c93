// drilltwin — emergency-drill and dispatch simulator for residential communities.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "engine/cli/commands.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/system_error_text.h"
#include "engine/kernel/suggest.h"

namespace {

using namespace dt::cli;

// Between the items of a list of ids in a message (the Chinese enumeration comma).
DT_PHRASE(kListComma, ", ", "、");
DT_PHRASE(kCannotWriteStdout, "drilltwin: error: cannot write to standard output: {}",
          "drilltwin: 错误: 无法写入标准输出：{}");
DT_PHRASE(kUnknownCommandSuggest, "drilltwin: error: unknown command '{}' (did you mean '{}'?)",
          "drilltwin: 错误: 未知命令 '{}'（是否想输入 '{}'？）");
DT_PHRASE(kUnknownCommandList, "drilltwin: error: unknown command '{}'; the commands are {}",
          "drilltwin: 错误: 未知命令 '{}'；可用的命令有 {}");
DT_PHRASE(kRunHelpForUsage, "Run `drilltwin --help` for usage.", "用法请运行 `drilltwin --help` 查看。");
DT_PHRASE(kUsageError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kRuntimeError, "drilltwin: error: {}", "drilltwin: 错误: {}");
DT_PHRASE(kBadLangFlag, "drilltwin: error: --lang: unknown language '{}'; the accepted values are en and zh-CN",
          "drilltwin: 错误: --lang: 未知语言 '{}'；可接受的值为 en 和 zh-CN");
DT_PHRASE(kBadLangEnv,
          "drilltwin: error: DRILLTWIN_LANG: unknown language '{}'; the accepted values are en and zh-CN",
          "drilltwin: 错误: DRILLTWIN_LANG: 未知语言 '{}'；可接受的值为 en 和 zh-CN");
DT_PHRASE(kLangMissingValue, "drilltwin: error: --lang needs a value: en or zh-CN",
          "drilltwin: 错误: --lang 需要一个值：en 或 zh-CN");

// CLI11's usage errors, which it words in English, for the Chinese text (usage_text).
DT_PHRASE(kCliRequired, "{} is required", "缺少必需的 {}");
DT_PHRASE(kCliSubcommandRequired, "A subcommand is required", "需要一个命令（run、validate、compare、sweep、merge、layout 或 verify）");
DT_PHRASE(kCliNotExpected, "The following arguments were not expected: {}", "多余的参数：{}");
DT_PHRASE(kCliAtLeast, "{}: At least {} required but received {}", "{}：至少需要 {} 个值，实际收到 {} 个");
DT_PHRASE(kCliValueMissing, "{}: a value is missing", "{}：缺少值");
DT_PHRASE(kCliNoValue, "{}: takes no value", "{}：不接受值");

// CLI11's message for a usage error in the language of the messages. English is CLI11's own text;
// in Chinese the errors a user meets (a missing argument, an extra one, a flag without its value)
// are translated, and a validator's message (ours, already translated) keeps its "--flag: " prefix.
std::string usage_text(const CLI::ParseError& e) {
  const std::string what = e.what();
  if (dt::lang() == dt::Lang::En) return what;
  std::smatch m;
  if (what == "A subcommand is required") return dt::say(kCliSubcommandRequired);
  if (std::regex_match(what, m, std::regex("(.+) is required"))) return dt::say(kCliRequired, m[1].str());
  if (std::regex_match(what, m, std::regex("The following arguments? (?:was|were) not expected: (.*)"))) {
    std::istringstream words(m[1].str());  // what the user typed, quoted as written
    std::string word, quoted;
    while (words >> word) quoted += (quoted.empty() ? "'" : " '") + word + "'";
    return dt::say(kCliNotExpected, quoted);
  }
  if (std::regex_match(what, m, std::regex("(\\S+): At least ([0-9]+) required but received ([0-9]+)")))
    return dt::say(kCliAtLeast, m[1].str(), m[2].str(), m[3].str());
  if (std::regex_match(what, m, std::regex("(\\S+): [0-9]+ required .* missing")))
    return dt::say(kCliValueMissing, m[1].str());
  if (std::regex_match(what, m, std::regex("(\\S+): (?:.*)does not take (?:a )?value.*|Unexpected value for (\\S+).*")))
    return dt::say(kCliNoValue, m[1].matched ? m[1].str() : m[2].str());
  return what;
}

constexpr const char* kLangHelp =
    "Language of messages and reports: en or zh-CN (default: $DRILLTWIN_LANG, else en)";

// The command word of the command line: the first argument that is not a flag of `drilltwin`
// itself (only --lang takes a value).
std::optional<std::string> command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return i + 1 < argc ? std::optional<std::string>(argv[i + 1]) : std::nullopt;
    if (arg == "--lang") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] == '-') continue;
    return std::string(arg);
  }
  return std::nullopt;
}

// The language asked for, chosen before anything else is read so that every message (CLI11's
// usage errors aside) is in it: the last --lang on the command line (before a `--`), else
// DRILLTWIN_LANG, else English. An unknown value is a usage error: the message says so and the
// result is nothing.
std::optional<dt::Lang> choose_language(int argc, char** argv) {
  std::optional<std::string> asked;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang") {
      if (i + 1 >= argc) {
        fmt::print(stderr, "{}\n", dt::say(kLangMissingValue));
        return std::nullopt;
      }
      asked = argv[++i];
    } else if (arg.substr(0, 7) == "--lang=") {
      asked = std::string(arg.substr(7));
    }
  }
  if (asked) {
    const std::optional<dt::Lang> l = dt::parse_lang(*asked);
    if (!l) fmt::print(stderr, "{}\n", dt::say(kBadLangFlag, *asked));
    return l;
  }
  if (const char* env = std::getenv("DRILLTWIN_LANG"); env != nullptr && *env != '\0') {
    const std::optional<dt::Lang> l = dt::parse_lang(env);
    if (!l) fmt::print(stderr, "{}\n", dt::say(kBadLangEnv, env));
    return l;
  }
  return dt::Lang::En;
}

// A JSON string literal for `text` (UTF-8 passes through; quotes, backslashes and controls escaped).
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  return out + "\"";
}

// `drilltwin __phrases` (hidden, for tests/cli/lang_cli_test.py): every phrase linked into this
// executable, one JSON object a line: {"id": ..., "en": ..., "zh": ...}, sorted by id.
int print_phrases() {
  std::vector<const dt::Phrase*> phrases = dt::all_phrases();
  std::sort(phrases.begin(), phrases.end(),
            [](const dt::Phrase* a, const dt::Phrase* b) { return std::string_view(a->id) < b->id; });
  for (const dt::Phrase* p : phrases)
    fmt::print("{{\"id\": {}, \"en\": {}, \"zh\": {}}}\n", json_string(p->id), json_string(p->en),
               json_string(p->zh));
  return kExitOk;
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
    fmt::print(stderr, "{}\n", dt::say(kCannotWriteStdout, dt::system_error_text(err)));
    return status == kExitOk ? kExitRuntime : status;
  }
  return status;
}

int run(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "__phrases") return print_phrases();
  const std::optional<dt::Lang> language = choose_language(argc, argv);
  if (!language) return kExitInput;
  dt::set_lang(*language);

  CLI::App app{"drilltwin " DRILLTWIN_VERSION
               " — a digital twin of a residential community and an emergency-drill engine.\n"
               "Runs what-if scenarios (evacuations, incidents and staff dispatch) many times over and\n"
               "reports KPIs with 95 % confidence intervals.",
               "drilltwin"};
  app.set_version_flag("--version", DRILLTWIN_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 runtime failure (or stdout could not be written), 2 invalid input (flags,\n"
             "scenario or layout). Includes stay in the scenario's folder tree unless --allow-include-outside.\n"
             "Messages in English or Simplified Chinese: --lang en|zh-CN on any command, or DRILLTWIN_LANG=zh-CN.\n"
             "Run `drilltwin COMMAND --help` for the flags of a command. Documentation: docs/user-guide.md");

  std::map<const CLI::App*, Action> actions;
  auto remember = [&](Action a) { actions[app.get_subcommands({}).back()] = std::move(a); };
  remember(add_run_command(app));
  remember(add_validate_command(app));
  remember(add_sweep_command(app));
  remember(add_compare_command(app));
  remember(add_optimize_command(app));
  remember(add_plan_command(app));
  remember(add_calibrate_command(app));
  remember(add_drill_records_command(app));
  remember(add_merge_command(app));
  remember(add_layout_command(app));
  remember(add_verify_command(app));
  remember(add_fit_demand_command(app));
  remember(add_forecast_command(app));
  remember(add_synth_history_command(app));
  remember(add_access_command(app));
  remember(add_import_command(app));

  // --lang on `drilltwin` itself and on every command, so that it may stand anywhere; its value was
  // read already (choose_language), CLI11 only documents and accepts it.
  std::string lang_flag;
  // The last one counts, as in choose_language.
  app.add_option("--lang", lang_flag, kLangHelp)->type_name("en|zh-CN")->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  for (CLI::App* sub : app.get_subcommands({}))
    sub->add_option("--lang", lang_flag, kLangHelp)
        ->type_name("en|zh-CN")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

  // CLI11 would print the general help for `drilltwin optimise --help` (and say "A subcommand is
  // required" without it): name the word it did not know instead.
  if (const std::optional<std::string> word = command_word(argc, argv)) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), *word) == names.end()) {
      std::string commands;
      for (const std::string& n : names) commands += (commands.empty() ? "" : dt::say(kListComma)) + n;
      if (const auto close = dt::closest_match(*word, names))
        fmt::print(stderr, "{}\n", dt::say(kUnknownCommandSuggest, *word, *close));
      else
        fmt::print(stderr, "{}\n", dt::say(kUnknownCommandList, *word, commands));
      fmt::print(stderr, "{}\n", dt::say(kRunHelpForUsage));
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
    fmt::print(stderr, "{}\n{}\n", dt::say(kUsageError, usage_text(e)), dt::say(kRunHelpForUsage));
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
      if (!stdout_failed(e)) fmt::print(stderr, "{}\n", dt::say(kRuntimeError, e.what()));
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
    if (!stdout_failed(e)) fmt::print(stderr, "{}\n", dt::say(kRuntimeError, e.what()));
  }
  return check_stdout(status);
}
