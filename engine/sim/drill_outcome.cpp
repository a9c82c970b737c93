#include "engine/sim/drill_outcome.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/kernel/lang.h"
#include "engine/kernel/suggest.h"
#include "engine/people/evacuation.h"
#include "engine/sim/emergency_replication.h"

namespace dt {

namespace {
DT_PHRASE(kNoEvacuation, "the scenario has no 'evacuation' section: there is no drill to compare with records",
          "该情景没有 'evacuation' 部分：没有可与演练记录对比的疏散演练");
DT_PHRASE(kUnknownRecordBuilding, "unknown building '{}' in the drill records; the scenario evacuates: {}",
          "演练记录中的楼栋 '{}' 不存在；该情景疏散的楼栋：{}");
DT_PHRASE(kUnknownRecordBuildingSuggest, "unknown building '{}' in the drill records; did you mean '{}'?",
          "演练记录中的楼栋 '{}' 不存在；是否想写 '{}'？");
DT_PHRASE(kNoSuchFloor, "building '{}' has floors 1 to {}, not {}", "楼栋 '{}' 只有 1 至 {} 层，没有第 {} 层");
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

SimulatedDrill simulate_drill(const Site& site, const ScenarioConfig& scenario, uint64_t seed, uint64_t replication) {
  if (!site.evacuation || !site.evacuation_network)
    throw InputError(SourcePos{scenario.source_file, 0, 0}, say(kNoEvacuation));
  const EvacuationNetwork& net = *site.evacuation_network;
  SimulatedDrill d;
  // crowd.ready_s holds each resident's pre-movement alone (evacuation.h), in both kinds of drill.
  auto fill = [&](const EvacuationOutcome& o) {
    const Crowd& crowd = o.population.crowd;
    const MovementResult& m = o.movement;
    for (std::size_t p = 0; p < crowd.size(); ++p) {
      const double pre = crowd.ready_s[p];
      if (!std::isfinite(pre)) continue;  // awaits assistance: not a walker an observer times
      const double alarm = o.alarm_s.empty() ? 0.0 : o.alarm_s[p];
      if (!std::isfinite(alarm)) continue;  // never heard an alarm
      const NavNode& n = net.graph().node(crowd.start_node[p]);
      d.building.push_back(n.building);
      d.floor.push_back(n.floor);
      d.cls.push_back(static_cast<uint8_t>(o.population.cls[p]));
      d.alarm_s.push_back(alarm);
      auto since = [&](double t) { return std::isfinite(t) ? std::max(0.0, t - alarm) : kNaN; };
      d.since_alarm[static_cast<int>(DrillMeasure::Start)].push_back(pre);
      d.since_alarm[static_cast<int>(DrillMeasure::LeftFloor)].push_back(since(m.left_floor_s[p]));
      d.since_alarm[static_cast<int>(DrillMeasure::LeftBuilding)].push_back(since(m.left_building_s[p]));
      d.since_alarm[static_cast<int>(DrillMeasure::Safe)].push_back(since(m.safe_time_s[p]));
    }
  };
  if (site.emergency) {
    JoinedDispatch joint;  // staff from the roster: the dispatch model runs inside (emergency_replication.h)
    if (joins_dispatch(*site.emergency) && site.dispatch) joint.config = &*site.dispatch;
    const EmergencyOutcome o =
        run_emergency(net, *site.evacuation, *site.emergency, seed, replication, nullptr, false, joint.config ? &joint : nullptr);
    fill(o.evacuation);
  } else {
    const EvacuationOutcome o = run_evacuation(net, *site.evacuation, seed, replication);
    fill(o);
  }
  return d;
}

BoundRecords bind_drill_records(DrillRecords records, const Site& site) {
  if (!site.evacuation || !site.evacuation_network)
    throw InputError(SourcePos{records.file, 0, 0}, say(kNoEvacuation));
  const EvacuationNetwork& net = *site.evacuation_network;
  const std::vector<std::string>& names = net.building_names();
  // The buildings the scenario evacuates (all of them when it names none).
  std::vector<std::string> evacuated;
  std::vector<int32_t> evacuated_index;
  const std::vector<int32_t>& chosen = site.evacuation->population.buildings;
  for (std::size_t b = 0; b < names.size(); ++b)
    if (chosen.empty() || std::find(chosen.begin(), chosen.end(), static_cast<int32_t>(b)) != chosen.end()) {
      evacuated.push_back(names[b]);
      evacuated_index.push_back(static_cast<int32_t>(b));
    }
  std::string list;
  for (const std::string& n : evacuated) list += (list.empty() ? "" : lang() == Lang::ZhCN ? "、" : ", ") + n;
  Diagnostics diag;
  BoundRecords out;
  out.building.reserve(records.observations.size());
  std::vector<std::string> reported;  // each unknown name once
  for (const DrillObservation& o : records.observations) {
    const auto it = std::find(evacuated.begin(), evacuated.end(), o.building);
    if (it == evacuated.end()) {
      out.building.push_back(-1);
      if (std::find(reported.begin(), reported.end(), o.building + o.building_pos.str()) != reported.end()) continue;
      reported.push_back(o.building + o.building_pos.str());
      if (const auto m = closest_match(o.building, evacuated))
        diag.error(o.building_pos, say(kUnknownRecordBuildingSuggest, o.building, *m));
      else
        diag.error(o.building_pos, say(kUnknownRecordBuilding, o.building, list));
      continue;
    }
    const int32_t b = evacuated_index[static_cast<std::size_t>(it - evacuated.begin())];
    out.building.push_back(b);
    const int32_t floors = net.building_floors()[static_cast<std::size_t>(b)];
    if (o.floor > floors &&
        std::find(reported.begin(), reported.end(), "floor" + o.floor_pos.str()) == reported.end()) {
      reported.push_back("floor" + o.floor_pos.str());
      diag.error(o.floor_pos, say(kNoSuchFloor, o.building, floors, o.floor));
    }
  }
  diag.throw_if_errors();
  out.records = std::move(records);
  return out;
}

std::vector<DrillPersonRow> drill_person_rows(const SimulatedDrill& drill, const Site& site, const std::string& name) {
  const std::vector<std::string>& names = site.evacuation_network->building_names();
  std::vector<DrillPersonRow> rows;
  rows.reserve(drill.size());
  for (std::size_t p = 0; p < drill.size(); ++p) {
    DrillPersonRow r;
    r.drill = name;
    r.building = drill.building[p] >= 0 ? names[static_cast<std::size_t>(drill.building[p])] : "";
    r.floor = drill.floor[p];
    r.group = to_string(static_cast<ResidentClass>(drill.cls[p]));
    r.alarm_s = drill.alarm_s[p];
    r.start_s = drill.alarm_s[p] + drill.since_alarm[static_cast<int>(DrillMeasure::Start)][p];
    r.exit_s = drill.alarm_s[p] + drill.since_alarm[static_cast<int>(DrillMeasure::LeftBuilding)][p];
    r.safe_s = drill.alarm_s[p] + drill.since_alarm[static_cast<int>(DrillMeasure::Safe)][p];
    if (r.building.empty()) continue;
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace dt
