// What-ifs on the command line (engine/scenario/scenario_loader.h): `--set KEY.scale=s` scales a
// whole distribution, drill steps are changed by name or number, `--drill-add` adds one.
#include "engine/scenario/scenario_loader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/kernel/distribution.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt {
namespace {

const std::string kSource = DRILLTWIN_SOURCE_DIR;
const std::string kNight = kSource + "/scenarios/fire_drill_night.yaml";
const std::string kStair = kSource + "/scenarios/tower_smoke_stair.yaml";

/// The first error of loading `path` with `overrides` ("" when it loads).
std::string first_error(const std::string& path, const std::vector<std::string>& overrides) {
  try {
    (void)load_scenario(path, overrides);
  } catch (const InputError& e) {
    for (const Diagnostic& d : e.diagnostics())
      if (d.severity == Severity::Error) return d.str();
  }
  return "";
}

// fire_drill_night: night pre-movement lognormal(mean 8 min, sd 5 min, max 1 h). Scaled by ½ it is
// the variable ½·X: its mean and sd are half those of X, and it ends at 30 min.
TEST(ScenarioOverride, SetScaleHalvesTheWholePreMovementDistribution) {
  const ScenarioConfig base = load_scenario(kNight);
  const ScenarioConfig fast = load_scenario(kNight, {"evacuation.premovement.night.scale=0.5"});
  const Distribution& x = base.evacuation->premovement.night;
  const Distribution& half = fast.evacuation->premovement.night;
  EXPECT_NEAR(x.mean(), Distribution::lognormal(480.0, 300.0, 0.0, 3600.0).mean(), 1e-9);
  EXPECT_NEAR(half.mean(), 0.5 * x.mean(), 1e-9);
  EXPECT_NEAR(half.stddev(), 0.5 * x.stddev(), 1e-9);
  EXPECT_EQ(half.support_max(), 1800.0);
  EXPECT_EQ(half.describe(), "lognormal(mean 240, sd 150, truncated to [0, 1800])");
}

// fire_drill_night writes the smoke detector delay as a plain value (30 s): `.scale=2` makes it 60 s.
TEST(ScenarioOverride, SetScaleOnAPlainValueScalesItToo) {
  const ScenarioConfig sc = load_scenario(kNight, {"sensors.smoke_detector.delay.scale=2"});
  const Distribution& delay = sc.emergency->sensors.kind[static_cast<std::size_t>(SensorKind::SmokeDetector)].delay;
  EXPECT_EQ(delay.kind(), Distribution::Kind::Fixed);
  EXPECT_DOUBLE_EQ(delay.mean(), 60.0);
}

TEST(ScenarioOverride, AScaleThatIsNotPositiveIsAnErrorAtTheSet) {
  EXPECT_EQ(first_error(kNight, {"evacuation.premovement.night.scale=0"}),
            "--set:1:36: error: scale of 'evacuation.premovement.night' must be a number > 0 (got 0): it multiplies "
            "the whole distribution");
  EXPECT_EQ(first_error(kNight, {"evacuation.premovement.night.scale=-1"}).substr(0, 19), "--set:1:36: error: ");
  EXPECT_EQ(first_error(kNight, {"evacuation.premovement.night.scale=fast"}).substr(0, 19), "--set:1:36: error: ");
}

// tower_smoke_stair: steps `fire` (0 s) and `door_wedged` (5 min).
TEST(ScenarioOverride, ADrillStepIsChangedByItsNameOrItsNumber) {
  const ScenarioConfig by_name = load_scenario(kStair, {"drill.door_wedged.at=2 min"});
  ASSERT_EQ(by_name.emergency->drill.size(), 2u);
  EXPECT_DOUBLE_EQ(by_name.emergency->drill[1].at_s, 120.0);
  EXPECT_EQ(by_name.emergency->drill[1].kind, InjectionKind::HoldOpen);
  EXPECT_EQ(by_name.emergency->drill[1].target.at(0).text, "C1/S2/F12/door");  // the rest of the step kept
  const ScenarioConfig by_number = load_scenario(kStair, {"drill.1.at=3 min"});
  EXPECT_DOUBLE_EQ(by_number.emergency->drill[1].at_s, 180.0);
  // A step moved before another is run in time order (the reader sorts the timeline).
  const ScenarioConfig moved = load_scenario(kStair, {"drill.fire.at=6 min"});
  EXPECT_EQ(moved.emergency->drill[0].kind, InjectionKind::HoldOpen);
  EXPECT_DOUBLE_EQ(moved.emergency->drill[1].at_s, 360.0);
}

TEST(ScenarioOverride, AnUnknownStepNameSuggestsTheClosest) {
  EXPECT_EQ(first_error(kStair, {"drill.door_wedge.at=2 min"}),
            "--set:1:7: error: 'drill.door_wedge.at': the list 'drill' has no item named 'door_wedge' (did you mean "
            "'door_wedged'?); name an item by its `name:` or by its number, from 0");
}

// The same messages in Simplified Chinese (kernel/lang.h), for a planner who runs with zh-CN.
TEST(ScenarioOverride, MessagesAreInChineseWhenAskedFor) {
  set_lang(Lang::ZhCN);
  const std::string step = first_error(kStair, {"drill.door_wedge.at=2 min"});
  const std::string scale = first_error(kNight, {"evacuation.premovement.night.scale=0"});
  set_lang(Lang::En);
  EXPECT_EQ(step, "--set:1:7: 错误: 'drill.door_wedge.at'：列表 'drill' 中没有名为 'door_wedge' 的条目（是否指 "
                  "'door_wedged'？）；请用条目的 `name:` 或从 0 开始的序号指明条目");
  EXPECT_EQ(scale, "--set:1:36: 错误: 'evacuation.premovement.night' 的缩放系数 scale 必须是大于 0 的数（实为 0）："
                   "它使整个分布按比例缩放");
}

TEST(ScenarioOverride, RosterEntriesAreAddressedByTheirNames) {
  // workorders_day's first roster entry (6 day engineers) named and then addressed by that name.
  const std::string day = kSource + "/scenarios/workorders_day.yaml";
  const ScenarioConfig s = load_scenario(day, {"staff.roster.0.name=day_engineers", "staff.roster.day_engineers.count=9"});
  ASSERT_TRUE(s.dispatch.has_value());
  ASSERT_FALSE(s.dispatch->roster.empty());
  EXPECT_EQ(s.dispatch->roster[0].name, "day_engineers");
  EXPECT_EQ(s.dispatch->roster[0].count, 9);
  EXPECT_EQ(first_error(day, {"staff.roster.0.name=night", "staff.roster.1.name=night"}),
            "--set:1:21: error: roster entry name 'night' is given twice (first at --set:1:21): a dotted key such "
            "as staff.roster.NAME.count must name one item");
  EXPECT_EQ(first_error(day, {"staff.roster.0.name=7"}),
            "--set:1:21: error: roster entry name '7' is a number: numbers address items by position "
            "(staff.roster.2.count); use a word such as 'night_engineers'");
}

TEST(ScenarioOverride, StepNamesAreUniqueWordsNotNumbers) {
  EXPECT_EQ(first_error(kStair, {"drill.fire.name=door_wedged"}),
            kStair + ":49:12: error: drill step name 'door_wedged' is given twice (first at "
            "--set:1:17): a dotted key such as drill.NAME.at must name one item");
  EXPECT_EQ(first_error(kStair, {"drill.fire.name=2"}),
            "--set:1:17: error: drill step name '2' is a number: numbers address items by position (drill.2.at); use "
            "a word such as 'close_stair'");
  EXPECT_EQ(first_error(kStair, {"drill.fire.name=a.b"}),
            "--set:1:17: error: drill step name 'a.b' must be a word of letters, digits, '_' or '-' (it is used in "
            "dotted keys such as drill.NAME.at)");
}

// --drill-add appends a step (read as any step of the file); a --set after it can address it by name.
TEST(ScenarioOverride, DrillAddAppendsAStep) {
  const ScenarioConfig sc = load_scenario(kStair, {drill_add_override("{name: lobby, at: 10 min, close: C1/S1}"),
                                                   "drill.lobby.at=8 min"});
  ASSERT_EQ(sc.emergency->drill.size(), 3u);
  EXPECT_DOUBLE_EQ(sc.emergency->drill[2].at_s, 480.0);
  EXPECT_EQ(sc.emergency->drill[2].kind, InjectionKind::CloseLink);
  EXPECT_EQ(sc.emergency->drill[2].target.at(0).text, "C1/S1");
  EXPECT_EQ(first_error(kStair, {drill_add_override("{at: 10 min, clsoe: C1/S1}")}).substr(0, 48),
            "--drill-add:1:14: error: unknown key 'clsoe' in ");
}

// A file that writes its timeline as `injections:` gets the added step there (both names at once
// would be an error); a file with neither gets a `drill:` list.
TEST(ScenarioOverride, DrillAddGoesToTheTimelineTheFileHas) {
  YamlNode injections = parse_yaml_string("injections:\n  - {at: 0 s, sound_alarm: all}\n", "s.yaml");
  apply_scenario_override(injections, drill_add_override("{at: 1 min, close: T/S1}"));
  EXPECT_EQ(injections.dump(), "{injections: [{at: 0 s, sound_alarm: all}, {at: 1 min, close: T/S1}]}");
  YamlNode none = parse_yaml_string("name: x\n", "s.yaml");
  apply_scenario_override(none, drill_add_override("{at: 1 min, close: T/S1}"));
  EXPECT_EQ(none.dump(), "{name: x, drill: [{at: 1 min, close: T/S1}]}");
  apply_scenario_override(none, "drill.0.at=2 min");  // a plain --set passes through
  EXPECT_EQ(none.find("drill")->items()[0].find("at")->scalar(), "2 min");
}

}  // namespace
}  // namespace dt
