// The answers in Chinese: with --lang zh-CN, what run, compare and sweep print (the headline,
// targets, key figures and, with --all, every table) and every word a person reads in report.html
// are Chinese — no untranslated English label (tests/support/untranslated.h). KPI names and other
// ids stay as written, as the files that programs read do.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

// The words of an HTML page a person reads: no style sheet, no tags or attributes, entities decoded.
std::string visible_text(std::string html) {
  html = std::regex_replace(html, std::regex(R"(<style[\s\S]*?</style>)"), "\n");
  html = std::regex_replace(html, std::regex(R"(<title>[\s\S]*?</title>)"), "\n");  // "drilltwin run: NAME"
  // The scenario's description is the planner's own text, shown as written (like a quoted value).
  html = std::regex_replace(html, std::regex(R"(<p class="desc">[\s\S]*?</p>)"), "\n");
  html = std::regex_replace(html, std::regex(R"(<[^>]*>)"), "\n");
  for (const auto& [entity, ch] : std::vector<std::pair<std::string, std::string>>{
           {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}})
    for (std::size_t at = html.find(entity); at != std::string::npos; at = html.find(entity, at + ch.size()))
      html.replace(at, entity.size(), ch);
  return html;
}

void expect_chinese(const std::string& text, const std::string& what) {
  const std::vector<std::string> english = test::untranslated_english(text);
  EXPECT_TRUE(english.empty()) << what << ":\n" << [&] {
    std::string s;
    for (std::size_t i = 0; i < english.size() && i < 20; ++i) s += english[i] + "\n";
    return s;
  }();
}

// Every scenario the project ships runs in Chinese, headline and report.
TEST(AnswersInChinese, RunPrintsAndReportsEveryScenarioInChinese) {
  for (const char* scenario : {"fire_drill_night", "tower_day", "tower_smoke_stair", "entrapment_power_outage",
                               "entrapment_response", "workorders_day", "desk_mmc", "facility_upkeep"}) {
    test::TempDir tmp;
    const auto r = test::run_drilltwin({"run", std::string("scenarios/") + scenario + ".yaml", "--lang", "zh-CN", "-r", "3",
                                        "--all", "--out", tmp / "o"});
    ASSERT_EQ(r.exit_status, 0) << scenario << "\n" << r.err;
    expect_chinese(r.out, std::string(scenario) + " stdout");
    const std::string report = test::read_file(tmp / "o/report.html");
    EXPECT_NE(report.find("<html lang=\"zh-CN\">"), std::string::npos) << scenario;
    expect_chinese(visible_text(report), std::string(scenario) + " report.html");
  }
}

TEST(AnswersInChinese, CompareAndSweepPrintAndReportInChinese) {
  test::TempDir tmp;
  const auto c = test::run_drilltwin({"compare", "scenarios/workorders_day.yaml", "--vary",
                                      "dispatch.strategy=manual,nearest,optimal", "-r", "4", "--all", "--lang", "zh-CN",
                                      "--out", tmp / "c"});
  ASSERT_EQ(c.exit_status, 0) << c.err;
  expect_chinese(c.out, "compare stdout");
  expect_chinese(visible_text(test::read_file(tmp / "c/report.html")), "compare report.html");

  const auto s = test::run_drilltwin({"sweep", "scenarios/staffing_sweep.yaml", "-r", "4", "--lang", "zh-CN", "--out", tmp / "s"});
  ASSERT_EQ(s.exit_status, 0) << s.err;
  expect_chinese(s.out, "sweep stdout");
  EXPECT_NE(s.out.find("满足全部目标"), std::string::npos) << s.out;
  expect_chinese(visible_text(test::read_file(tmp / "s/report.html")), "sweep report.html");
}

// The checker is not blind: the English report of the same run is full of untranslated English.
TEST(AnswersInChinese, TheCheckerFindsTheEnglishReport) {
  test::TempDir tmp;
  const auto r = test::run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "3", "--out", tmp / "o"});
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_GT(test::untranslated_english(visible_text(test::read_file(tmp / "o/report.html"))).size(), 10u);
  EXPECT_GT(test::untranslated_english(r.out).size(), 2u);
}

}  // namespace
}  // namespace dt
