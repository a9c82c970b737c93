// `drilltwin --lang zh-CN` and DRILLTWIN_LANG against the real executable: every phrase linked into
// it (listed by the hidden `drilltwin __phrases`) has a proper Chinese text, and what a user reads
// in Chinese — errors for every malformed file under tests/malformed*, and the console lines of
// run, compare and sweep (also when refused or interrupted) — holds no untranslated English
// (tests/support/untranslated.h). The --all tables (KPI ids as row names) are left out.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/phrase_checks.h"
#include "tests/support/expected_tsv.h"
#include "tests/support/process.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kNone;

test::ProcessResult drilltwin_with_env(const std::string& assignment, const std::vector<std::string>& args) {
  std::vector<std::string> all{assignment, DRILLTWIN_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  return test::run_process("/usr/bin/env", all);
}

TEST(LangCli, EveryPhraseOfTheExecutableHasAChineseTextWithTheSamePlaceholders) {
  const test::ProcessResult r = test::run_drilltwin({"__phrases"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::set<std::string> ids;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);
    const std::string id = j.at("id"), en = j.at("en"), zh = j.at("zh");
    ++count;
    EXPECT_TRUE(ids.insert(id).second) << "duplicate phrase id " << id;
    EXPECT_EQ(test::phrase_problem(en, zh), "") << id << "\n  en: " << en << "\n  zh: " << zh;
  }
  // Every part of the program says something: readers, layout checks, jobs and commands.
  EXPECT_GT(count, 400u);
  for (const char* part :
       {"engine/scenario/", "engine/world/", "engine/sim/", "engine/jobs/", "engine/cli/", "engine/kernel/"}) {
    bool found = false;
    for (const std::string& id : ids) found = found || id.find(part) != std::string::npos;
    EXPECT_TRUE(found) << "no phrase from " << part;
  }
}

// The extra flags a malformed scenario is run with (the fourth column of its expected.tsv, e.g. a
// --set that breaks it), by file name.
std::map<std::string, std::vector<std::string>> extra_flags(const std::string& dir) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& cols : test::read_tsv_rows(std::string(DRILLTWIN_SOURCE_DIR) + "/" + dir + "/expected.tsv", 4))
    if (!cols[3].empty()) out[cols[0]] = test::words_of(cols[3]);
  return out;
}

std::vector<std::string> yaml_files_under(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(DRILLTWIN_SOURCE_DIR) / dir))
    if (e.path().extension() == ".yaml") files.push_back(dir + "/" + e.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

// Every malformed file, in Chinese: exit status 2, the compiler-style prefix with 错误, and nothing
// left in English but what the user wrote (quoted) and ids.
TEST(LangCli, MalformedFilesAreReportedInChinese) {
  std::size_t checked = 0;
  for (const char* dir : {"tests/malformed", "tests/malformed_drills", "tests/malformed_layouts"}) {
    const auto extras = extra_flags(dir);
    for (const std::string& file : yaml_files_under(dir)) {
      std::vector<std::vector<std::string>> commands{{"validate", "--lang", "zh-CN", file}};
      if (const auto it = extras.find(fs::path(file).filename().string()); it != extras.end())
        commands.front().insert(commands.front().end(), it->second.begin(), it->second.end());
      if (std::string(dir) == "tests/malformed_layouts") commands.push_back({"layout", "--lang", "zh-CN", file});
      for (const auto& args : commands) {
        const test::ProcessResult r = test::run_drilltwin(args);
        if (file.find(".inc.") != std::string::npos && r.exit_status == 0) continue;  // a fragment an error includes
        EXPECT_EQ(r.exit_status, 2) << args[0] << " " << file << "\n" << r.err;
        EXPECT_NE(r.err.find(": 错误: "), std::string::npos) << file << "\n" << r.err;
        EXPECT_EQ(r.err.find(": error: "), std::string::npos) << file << "\n" << r.err;
        EXPECT_EQ(test::untranslated_english(r.err), kNone) << args[0] << " " << file;
        EXPECT_EQ(test::untranslated_english(r.out), kNone) << args[0] << " " << file;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 80u);
}

TEST(LangCli, ValidLayoutAndScenarioAreDescribedInChinese) {
  const test::ProcessResult layout = test::run_drilltwin({"layout", "--lang", "zh-CN", "assets/compound.yaml"});
  EXPECT_EQ(layout.exit_status, 0) << layout.err;
  EXPECT_NE(layout.out.find("栋楼"), std::string::npos) << layout.out;
  EXPECT_EQ(test::untranslated_english(layout.out + layout.err), kNone);

  const test::ProcessResult valid =
      test::run_drilltwin({"validate", "--lang", "zh-CN", "scenarios/workorders_day.yaml"});
  EXPECT_EQ(valid.exit_status, 0) << valid.err;
  EXPECT_NE(valid.out.find("有效"), std::string::npos) << valid.out;
  EXPECT_EQ(test::untranslated_english(valid.out + valid.err), kNone);

  const test::ProcessResult verify = test::run_drilltwin({"verify", "--lang", "zh-CN"});
  EXPECT_EQ(verify.exit_status, 0) << verify.err;
  EXPECT_NE(verify.out.find("通过"), std::string::npos) << verify.out;
  EXPECT_EQ(test::untranslated_english(verify.out + verify.err), kNone);
  const test::ProcessResult no_case = test::run_drilltwin({"verify", "--lang", "zh-CN", "--filter", "no-such-case"});
  EXPECT_EQ(no_case.exit_status, 2);
  EXPECT_EQ(test::untranslated_english(no_case.err), kNone) << no_case.err;
}

// run, compare and sweep: the lines around the headline on stdout, and what they print on stderr
// (start lines, refusals, interruptions, errors).
TEST(LangCli, RunCompareAndSweepSpeakChinese) {
  test::TempDir tmp;
  const test::ProcessResult run = test::run_drilltwin(
      {"run", "--lang", "zh-CN", "scenarios/workorders_day.yaml", "--replications", "2", "--out", tmp / "run"});
  EXPECT_EQ(run.exit_status, 0) << run.err;
  EXPECT_NE(run.out.find("次重复"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("结果："), std::string::npos) << run.out;
  EXPECT_EQ(test::untranslated_english(run.out + run.err), kNone);

  const test::ProcessResult traced = test::run_drilltwin({"run", "--lang", "zh-CN", "scenarios/fire_drill_night.yaml",
                                                          "--replications", "2", "--trace", "--out", tmp / "traced"});
  EXPECT_EQ(traced.exit_status, 0) << traced.err;
  EXPECT_NE(traced.out.find("轨迹："), std::string::npos) << traced.out;
  EXPECT_EQ(test::untranslated_english(traced.out + traced.err), kNone);

  const test::ProcessResult bad_trace =
      test::run_drilltwin({"run", "--lang", "zh-CN", "scenarios/fire_drill_night.yaml", "--replications", "2",
                           "--trace", "--trace-replication", "5", "--out", tmp / "trace"});
  EXPECT_EQ(bad_trace.exit_status, 2) << bad_trace.err;
  EXPECT_NE(bad_trace.err.find("错误"), std::string::npos) << bad_trace.err;
  EXPECT_EQ(test::untranslated_english(bad_trace.err), kNone);

  const test::ProcessResult compare =
      test::run_drilltwin({"compare", "--lang", "zh-CN", "scenarios/workorders_day.yaml", "--vary",
                           "dispatch.strategy=manual,nearest", "--replications", "2", "--out", tmp / "compare"});
  EXPECT_EQ(compare.exit_status, 0) << compare.err;
  EXPECT_EQ(test::untranslated_english(compare.out + compare.err), kNone);

  const test::ProcessResult refused =
      test::run_drilltwin({"compare", "--lang", "zh-CN", "scenarios/workorders_day.yaml", "--vary",
                           "dispatch.strategy=manual,nearest", "--replications", "1", "--out", tmp / "compare1"});
  EXPECT_EQ(refused.exit_status, 2) << refused.err;
  EXPECT_EQ(test::untranslated_english(refused.err), kNone);

  const std::vector<std::string> sweep{"sweep",          "--lang", "zh-CN", "scenarios/staffing_sweep.yaml",
                                       "--replications", "2",      "--out", tmp / "sweep"};
  const test::ProcessResult first = test::run_drilltwin(sweep);
  EXPECT_EQ(first.exit_status, 0) << first.err;
  EXPECT_NE(first.err.find("个点"), std::string::npos) << first.err;  // the start line
  EXPECT_EQ(test::untranslated_english(first.out + first.err), kNone);
  const test::ProcessResult again = test::run_drilltwin(sweep);  // results.sqlite exists: refused
  EXPECT_EQ(again.exit_status, 2) << again.err;
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  EXPECT_EQ(test::untranslated_english(again.err), kNone);
}

// Ctrl-C during a long sweep: the interruption and the resume hint in Chinese, the command to copy
// as it was typed. The signal goes once the start line is printed (the handlers are installed by
// then), whatever the machine's speed; 200000 replications per point keep the sweep busy far longer.
TEST(LangCli, AnInterruptedSweepSaysSoInChineseWithTheCommandToContinue) {
  test::TempDir tmp;
  const std::string err_file = tmp / "err";
  const std::string script = fmt::format(
      "'{}' sweep --lang zh-CN scenarios/staffing_sweep.yaml -r 200000 --out '{}' 2>'{}' & pid=$!; "
      "while ! grep -q '待运行' '{}'; do kill -0 $pid 2>/dev/null || break; sleep 0.05; done; "
      "sleep 0.3; kill -INT $pid; wait $pid",
      DRILLTWIN_BINARY, tmp / "s", err_file, err_file);
  test::ProcessOptions options;
  options.timeout_s = 300;
  const test::ProcessResult r = test::run_process("/bin/sh", {"-c", script}, options);
  const std::string err = test::read_file(err_file);
  EXPECT_EQ(r.exit_status, 1) << err;
  EXPECT_NE(err.find("中断"), std::string::npos) << err;
  EXPECT_NE(err.find("继续运行: drilltwin sweep "), std::string::npos) << err;
  EXPECT_EQ(test::untranslated_english(err), kNone);
}

TEST(LangCli, DrilltwinLangChoosesTheLanguageAndTheFlagBeatsIt) {
  const std::string file = "tests/malformed/misspelled_nested_key.yaml";
  const test::ProcessResult env_zh = drilltwin_with_env("DRILLTWIN_LANG=zh-CN", {"validate", file});
  EXPECT_EQ(env_zh.exit_status, 2);
  EXPECT_NE(env_zh.err.find(": 错误: 未知的键 'replicatoins'"), std::string::npos) << env_zh.err;

  const test::ProcessResult flag_en = drilltwin_with_env("DRILLTWIN_LANG=zh-CN", {"validate", "--lang", "en", file});
  EXPECT_EQ(flag_en.exit_status, 2);
  EXPECT_NE(flag_en.err.find(": error: unknown key 'replicatoins'"), std::string::npos) << flag_en.err;

  // The last --lang counts, wherever it stands.
  const test::ProcessResult twice =
      test::run_drilltwin({"--lang", "en", "validate", file, "--lang", "en", "--lang", "zh-CN"});
  EXPECT_EQ(twice.exit_status, 2);
  EXPECT_NE(twice.err.find(": 错误: 未知的键"), std::string::npos) << twice.err;

  // Before the command word, and as --lang=VALUE.
  const test::ProcessResult before = drilltwin_with_env("DRILLTWIN_LANG=en", {"--lang=zh-CN", "validate", file});
  EXPECT_EQ(before.exit_status, 2);
  EXPECT_NE(before.err.find(": 错误: "), std::string::npos) << before.err;
}

TEST(LangCli, AnUnknownLanguageIsAUsageErrorNamingTheAcceptedValues) {
  const test::ProcessResult flag = test::run_drilltwin({"validate", "--lang", "fr", "scenarios/workorders_day.yaml"});
  EXPECT_EQ(flag.exit_status, 2);
  EXPECT_NE(flag.err.find("'fr'"), std::string::npos) << flag.err;
  EXPECT_NE(flag.err.find("en and zh-CN"), std::string::npos) << flag.err;

  const test::ProcessResult env =
      drilltwin_with_env("DRILLTWIN_LANG=klingon", {"validate", "scenarios/workorders_day.yaml"});
  EXPECT_EQ(env.exit_status, 2);
  EXPECT_NE(env.err.find("DRILLTWIN_LANG"), std::string::npos) << env.err;
  EXPECT_NE(env.err.find("en and zh-CN"), std::string::npos) << env.err;

  const test::ProcessResult missing = test::run_drilltwin({"validate", "scenarios/workorders_day.yaml", "--lang"});
  EXPECT_EQ(missing.exit_status, 2);
}

// Usage errors CLI11 words (a missing file, an extra argument, a flag without its value, no
// command, an unknown command) and a flag value our validators refuse.
TEST(LangCli, UsageErrorsAreInChinese) {
  const std::vector<std::vector<std::string>> cases{
      {"run", "--lang", "zh-CN"},
      {"run", "--lang", "zh-CN", "scenarios/desk_mmc.yaml", "--bogus"},
      {"run", "--lang", "zh-CN", "scenarios/desk_mmc.yaml", "extra", "words"},
      {"run", "--lang", "zh-CN", "scenarios/desk_mmc.yaml", "--replications"},
      {"run", "--lang", "zh-CN", "scenarios/desk_mmc.yaml", "--seed", "0x10"},
      {"layout", "--lang", "zh-CN", "assets/compound.yaml", "--export", "dot"},
      {"merge", "--lang", "zh-CN", "some_dir"},
      {"--lang", "zh-CN"},
      {"--lang", "zh-CN", "optimise"},
  };
  for (const auto& args : cases) {
    const test::ProcessResult r = test::run_drilltwin(args);
    EXPECT_EQ(r.exit_status, 2) << args[0] << "\n" << r.err;
    EXPECT_NE(r.err.find("drilltwin: 错误: "), std::string::npos) << r.err;
    EXPECT_EQ(test::untranslated_english(r.err), kNone) << r.err;
  }
}

TEST(LangCli, EveryCommandDocumentsTheLanguageFlag) {
  const test::ProcessResult top = test::run_drilltwin({"--help"});
  EXPECT_NE(top.out.find("--lang"), std::string::npos) << top.out;
  for (const char* cmd : {"run", "validate", "compare", "sweep", "merge", "layout", "verify"}) {
    const test::ProcessResult r = test::run_drilltwin({cmd, "--help"});
    EXPECT_EQ(r.exit_status, 0) << cmd;
    EXPECT_NE(r.out.find("--lang"), std::string::npos) << cmd << "\n" << r.out;
  }
}

}  // namespace
}  // namespace dt
