// engine/output/plan_answer.cpp: the plan's diagrams show what the plan says — a floor that hears
// the alarm later has another colour than the fire floor's, each floor group's stair is named, the
// fire floor is marked; the staff chart has one bar per leg; plan.html carries both.
#include "engine/output/plan_answer.h"

#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/kernel/lang.h"

namespace dt {
namespace {

PlanBuilding phased_block() {
  PlanBuilding b;
  b.id = "T";
  b.floors = 4;
  b.residents = 40;
  b.fire_floors = {2};
  b.alarms = {{60.0, 1, 3}, {360.0, 4, 4}};  // floors 1-3 first, floor 4 five minutes later
  b.stair_groups = {{{1, 2}, "S2"}, {{3, 4}, "S1"}};
  return b;
}

std::set<std::string> floor_fills(const std::string& svg) {
  std::set<std::string> fills;
  const std::regex rect(R"re(<rect x="46" y="[0-9.]+" width="120" height="[0-9.]+" fill="(#[0-9a-f]{6})")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator(); ++it)
    fills.insert((*it)[1].str());
  return fills;
}

TEST(PlanAnswer, TheSectionColoursFloorsByTheirAlarmAndNamesEachGroupsStair) {
  set_lang(Lang::En);
  const std::string svg = plan_section_svg(phased_block());
  EXPECT_NE(svg.find("data-chart=\"plan-section:T\""), std::string::npos);
  EXPECT_EQ(floor_fills(svg).size(), 2u) << svg;  // two alarm times, two colours
  EXPECT_NE(svg.find(">S2<"), std::string::npos);
  EXPECT_NE(svg.find(">S1<"), std::string::npos);
  EXPECT_NE(svg.find("fire"), std::string::npos);
  PlanBuilding together = phased_block();
  together.alarms = {{60.0, 1, 4}};
  EXPECT_EQ(floor_fills(plan_section_svg(together)).size(), 1u);
}

TEST(PlanAnswer, TheStaffChartHasABarPerLegAndPlanHtmlCarriesBothDiagrams) {
  set_lang(Lang::En);
  PlanAnswer a;
  a.scenario = "t";
  a.buildings = {phased_block()};
  a.tasks = {{0, 100, 200, "gate", "T/F1/C1", false, false},
             {0, 200, 220, "T/F1/C1", "T/F4/C1", false, true},
             {1, 150, 400, "T/F4/U1", "yard", true, false}};
  const std::string svg = plan_tasks_svg(a);
  const std::regex bar(R"re(<rect x="[0-9.]+" y="[0-9.]+" width="[0-9.]+" height="12.0" fill="#)re");
  EXPECT_EQ(std::distance(std::sregex_iterator(svg.begin(), svg.end(), bar), std::sregex_iterator()), 3);
  const std::string html = plan_html(a);
  EXPECT_NE(html.find("plan-section:T"), std::string::npos);
  EXPECT_NE(html.find("plan-tasks:staff"), std::string::npos);
}

}  // namespace
}  // namespace dt
