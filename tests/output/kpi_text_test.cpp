// The catalogue of KPI labels (engine/output/kpi_text.h): every KPI a shipped scenario declares has
// an English and a Chinese label and a Chinese description, the Chinese ones written in Chinese,
// and the families built from names (buildings, floors, stairs, exits, priorities, incident types,
// roles, stores) read with the name put in its place.
#include "engine/output/kpi_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/scenario/sweep_loader.h"
#include "engine/sim/replication.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
const std::string kSource = DRILLTWIN_SOURCE_DIR;

// The code points of a UTF-8 string (invalid bytes become U+FFFD).
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// CJK Unified Ideographs (U+4E00–U+9FFF): what a Chinese text is written in.
bool has_cjk(std::string_view s) {
  const std::vector<char32_t> cps = code_points(s);
  return std::any_of(cps.begin(), cps.end(), [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; });
}
bool valid_utf8(std::string_view s) {
  const std::vector<char32_t> cps = code_points(s);
  return std::find(cps.begin(), cps.end(), char32_t{0xFFFD}) == cps.end();
}

// The numbers n of every {n} in `text`, and whether any other brace is left.
std::vector<int> placeholders(std::string_view text, bool& stray_brace) {
  std::vector<int> n;
  stray_brace = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' && text[i + 2] == '}') {
      n.push_back(text[i + 1] - '0');
      i += 2;
    } else if (text[i] == '{' || text[i] == '}') {
      stray_brace = true;
    }
  }
  return n;
}

KpiDefinition def(const std::string& name, const std::string& description = "the definition's words") {
  return KpiDefinition{name, "-", description, KpiRange::Any};
}

// Every KPI of every point of every scenario in scenarios/ (the definition pass of a run).
std::map<std::string, KpiDefinition> shipped_kpis(std::set<std::string>& files) {
  std::map<std::string, KpiDefinition> kpis;
  std::vector<fs::path> paths;
  for (const fs::directory_entry& e : fs::directory_iterator(kSource + "/scenarios"))
    if (e.path().extension() == ".yaml") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    files.insert(p.filename().string());
    const SweepPlan plan = load_sweep(p.string());
    for (const SweepPoint& point : plan.points)
      for (const KpiDefinition& d : kpi_definitions(point.scenario)) kpis.emplace(d.name, d);
  }
  return kpis;
}

TEST(KpiText, EveryKpiOfTheShippedScenariosHasLabelsInBothLanguages) {
  std::set<std::string> files;
  const std::map<std::string, KpiDefinition> kpis = shipped_kpis(files);
  ASSERT_GE(files.size(), 9u) << "scenarios/ holds nine scenarios";
  ASSERT_GT(kpis.size(), 60u);
  // The families are there: a building, a stair, a priority, an incident type.
  auto any_starting = [&](const std::string& prefix) {
    return std::any_of(kpis.begin(), kpis.end(), [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
  };
  EXPECT_TRUE(any_starting("evacuation.building."));
  EXPECT_TRUE(any_starting("evacuation.stair."));
  EXPECT_TRUE(any_starting("dispatch.priority."));
  EXPECT_TRUE(any_starting("dispatch.type."));
  std::map<std::string, std::string> en_labels, zh_labels;  // label → KPI: no two KPIs read the same
  for (const auto& [name, d] : kpis) {
    const KpiText en = kpi_text(d, Lang::En), zh = kpi_text(d, Lang::ZhCN);
    if (const auto [it, fresh] = en_labels.emplace(en.label, name); !fresh)
      ADD_FAILURE() << name << " and " << it->second << " are both labelled \"" << en.label << "\"";
    if (const auto [it, fresh] = zh_labels.emplace(zh.label, name); !fresh)
      ADD_FAILURE() << name << " and " << it->second << " are both labelled \"" << zh.label << "\"";
    EXPECT_TRUE(en.known) << name << ": not in the catalogue (engine/output/kpi_text.cpp)";
    EXPECT_TRUE(zh.known) << name;
    if (!en.known || !zh.known) continue;
    bool stray = false;
    EXPECT_FALSE(en.label.empty()) << name;
    EXPECT_NE(en.label, name) << name;
    EXPECT_TRUE(placeholders(en.label, stray).empty() && !stray) << name << ": " << en.label;
    EXPECT_EQ(en.description, d.description) << name << ": the English description is the definition's";
    EXPECT_TRUE(has_cjk(zh.label)) << name << ": " << zh.label;
    EXPECT_TRUE(has_cjk(zh.description)) << name << ": " << zh.description;
    EXPECT_TRUE(placeholders(zh.label, stray).empty() && !stray) << name << ": " << zh.label;
    EXPECT_TRUE(placeholders(zh.description, stray).empty() && !stray) << name << ": " << zh.description;
  }
}

TEST(KpiText, EveryPlaceholderOfTheCatalogueRefersToAStar) {
  std::set<std::string_view> seen;
  for (const KpiTextPattern& e : kpi_text_catalogue()) {
    EXPECT_TRUE(seen.insert(e.pattern).second) << e.pattern << " twice";
    int stars = 0;
    std::size_t start = 0;
    for (;;) {  // a `*` is a whole segment
      const std::size_t dot = e.pattern.find('.', start);
      const std::string_view seg = e.pattern.substr(start, dot == std::string_view::npos ? dot : dot - start);
      EXPECT_FALSE(seg.empty()) << e.pattern;
      if (seg == "*")
        ++stars;
      else
        EXPECT_EQ(seg.find('*'), std::string_view::npos) << e.pattern << ": '*' inside a segment";
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    EXPECT_NE(e.pattern.front(), '*') << e.pattern << ": a pattern starts with its part's name";
    for (const std::string_view text : {e.en_label, e.zh_label, e.zh_description}) {
      bool stray = false;
      EXPECT_FALSE(text.empty()) << e.pattern;
      EXPECT_TRUE(valid_utf8(text)) << e.pattern;
      for (const int n : placeholders(text, stray)) EXPECT_LE(n, stars) << e.pattern << ": {" << n << "} in " << text;
      EXPECT_FALSE(stray) << e.pattern << ": " << text;
    }
    EXPECT_TRUE(has_cjk(e.zh_label)) << e.pattern;
    EXPECT_TRUE(has_cjk(e.zh_description)) << e.pattern;
    EXPECT_FALSE(has_cjk(e.en_label)) << e.pattern;
    // A label names what `*` stands for: each star's placeholder appears in both labels.
    for (int n = 1; n <= stars; ++n) {
      const std::string ph = "{" + std::to_string(n) + "}";
      EXPECT_NE(e.en_label.find(ph), std::string_view::npos) << e.pattern;
      EXPECT_NE(e.zh_label.find(ph), std::string_view::npos) << e.pattern;
    }
  }
}

TEST(KpiText, ExactExamples) {
  EXPECT_EQ(kpi_text(def("evacuation.building.B3.total_time_s"), Lang::ZhCN).label, "楼栋 B3 疏散完成时间");
  EXPECT_EQ(kpi_text(def("evacuation.building.B3.total_time_s"), Lang::En).label, "building B3 evacuation time");
  EXPECT_EQ(kpi_text(def("evacuation.total_time_s"), Lang::ZhCN).label, "疏散时间（RSET）");
  EXPECT_EQ(kpi_text(def("evacuation.mean_premovement_s"), Lang::ZhCN).label, "平均预动作时间");
  EXPECT_EQ(kpi_text(def("emergency.all_safe_time_s"), Lang::En).label, "all residents safe");
  EXPECT_EQ(kpi_text(def("emergency.all_safe_time_s"), Lang::ZhCN).label, "全部居民到达安全区");
  EXPECT_EQ(kpi_text(def("dispatch.within_15min_fraction"), Lang::ZhCN).label, "15 分钟内到达率");
  EXPECT_EQ(kpi_text(def("dispatch.staff_utilization"), Lang::ZhCN).label, "人员利用率");
  EXPECT_EQ(kpi_text(def("dispatch.priority.P1.within_15min_fraction"), Lang::ZhCN).label, "P1 级工单 15 分钟内到达率");
  EXPECT_EQ(kpi_text(def("dispatch.type.water_leak.response_time_s"), Lang::ZhCN).label,
            "water_leak 类工单平均响应时间");
  EXPECT_EQ(kpi_text(def("dispatch.role.engineer.utilization"), Lang::ZhCN).label, "engineer 岗位人员利用率");
  EXPECT_EQ(kpi_text(def("dispatch.store.medical.stockouts"), Lang::En).label, "medical store stock-outs");
  EXPECT_EQ(kpi_text(def("elevator.trapped_persons"), Lang::ZhCN).label, "电梯被困人数");
  EXPECT_EQ(kpi_text(def("assistance.by_fire_lift"), Lang::ZhCN).label, "消防电梯救援次数");
  EXPECT_EQ(kpi_text(def("evacuation.stair.B1.S1.queue_time_s"), Lang::ZhCN).label, "楼梯 B1.S1 排队持续时间");
  EXPECT_EQ(kpi_text(def("evacuation.building.A2.last_queuing_s"), Lang::ZhCN).label, "楼栋 A2 最后疏散者排队时间");
  // The description: the definition's in English, the catalogue's in Chinese with the name filled.
  const KpiText zh = kpi_text(def("evacuation.exit.B2.E1.peak_flow_pps", "most persons through the exit"), Lang::ZhCN);
  EXPECT_EQ(zh.description, "任一时间窗内经出口 B2.E1 的最大人流量（人/秒）");
  EXPECT_EQ(kpi_text(def("evacuation.exit.B2.E1.peak_flow_pps", "most persons"), Lang::En).description, "most persons");
}

// Ids may contain dots: a stair is "<building>.S<n>", a building id may be "T.1". A `*` takes them
// whole, and a floor of a building is not read as a building called "B1.floor.12".
TEST(KpiText, AStarTakesAnIdWithDotsAndTheLongerPatternWins) {
  EXPECT_EQ(kpi_text(def("evacuation.stair.B1.S2.peak_queue"), Lang::ZhCN).label, "楼梯 B1.S2 最大排队人数");
  EXPECT_EQ(kpi_text(def("evacuation.building.T.1.clear_time_s"), Lang::En).label, "building T.1 clear time");
  EXPECT_EQ(kpi_text(def("evacuation.building.B1.floor.12.clear_time_s"), Lang::ZhCN).label,
            "楼栋 B1 第 12 层清空时间");
  EXPECT_EQ(kpi_text(def("evacuation.building.B1.floor.12.clear_time_s"), Lang::En).label,
            "building B1 floor 12 clear time");
  const std::optional<KpiTextMatch> m = find_kpi_text("evacuation.building.B1.floor.12.clear_time_s");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->captures, (std::vector<std::string>{"B1", "12"}));
}

TEST(KpiText, AnUnknownKpiReadsAsItsNameAndDefinition) {
  for (const Lang in : {Lang::En, Lang::ZhCN}) {
    const KpiText t = kpi_text(def("dispatch.made_up_kpi", "words"), in);
    EXPECT_FALSE(t.known);
    EXPECT_EQ(t.label, "dispatch.made_up_kpi");
    EXPECT_EQ(t.description, "words");
  }
  // A pattern's literal segments must all match: a shorter or longer name is unknown.
  EXPECT_FALSE(find_kpi_text("evacuation.building.total_time_s").has_value());
  EXPECT_FALSE(find_kpi_text("evacuation.total_time_s.extra").has_value());
  EXPECT_FALSE(find_kpi_text("").has_value());
}

// The table of Chinese labels in docs/zh-CN/user-guide.md says what the catalogue says: each row
// "| `KPI` | 标签 |" (an <id> in the name stands for any id, \<id\> in the label for the same id).
TEST(KpiText, TheChineseUserGuideQuotesTheCatalogue) {
  std::ifstream in(kSource + "/docs/zh-CN/user-guide.md");
  ASSERT_TRUE(in.good());
  const std::regex row(R"(^\| `([a-z][a-z0-9_.<>A-Z]*\.[a-z0-9_.<>A-Z]*)` \| (.+) \|$)");
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    ++rows;
    auto replace_all = [](std::string s, const std::string& from, const std::string& to) {
      for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
      return s;
    };
    const std::string name = replace_all(m[1].str(), "<id>", "X9");
    const std::string label = replace_all(m[2].str(), "\\<id\\>", "X9");
    const KpiText t = kpi_text(def(name), Lang::ZhCN);
    EXPECT_TRUE(t.known) << line;
    EXPECT_EQ(t.label, label) << line;
  }
  EXPECT_GE(rows, 10) << "the guide's table of KPI labels was not found";
}

TEST(KpiText, TheCurrentLanguageIsTheDefault) {
  const Lang before = lang();
  set_lang(Lang::ZhCN);
  EXPECT_EQ(kpi_text(def("dispatch.staff_utilization")).label, "人员利用率");
  set_lang(Lang::En);
  EXPECT_EQ(kpi_text(def("dispatch.staff_utilization")).label, "staff utilisation");
  set_lang(before);
}

}  // namespace
}  // namespace dt
