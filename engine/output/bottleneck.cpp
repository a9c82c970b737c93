#include "engine/output/bottleneck.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "engine/kernel/lang.h"

namespace dt {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

DT_PHRASE(kStairQueues,
          "Stair {0} of {1} has a queue for {2:.1f} min (peak {3:.0f} people, {4:.0f} person-min of waiting); its flow "
          "capacity, not walking, sets {5}'s time: its last resident queues {6:.1f} of {7:.1f} min.",
          "{1}栋的楼梯{0}排队持续{2:.1f}分钟（高峰{3:.0f}人，累计等待{4:.0f}人·分钟）；决定{5}栋疏散时间的是该楼梯的"
          "通行能力，而不是步行：该栋最后一名居民在{7:.1f}分钟中排队{6:.1f}分钟。");
DT_PHRASE(kExitQueues,
          "Exit {0} of {1} has a queue for {2:.1f} min (peak {3:.0f} people, {4:.0f} person-min of waiting); its flow "
          "capacity, not walking, sets {5}'s time: its last resident queues {6:.1f} of {7:.1f} min.",
          "{1}栋的出口{0}排队持续{2:.1f}分钟（高峰{3:.0f}人，累计等待{4:.0f}人·分钟）；决定{5}栋疏散时间的是该出口的"
          "通行能力，而不是步行：该栋最后一名居民在{7:.1f}分钟中排队{6:.1f}分钟。");
DT_PHRASE(
    kQueuingElsewhere,
    "Queuing sets {0}'s time: its last resident queues {1:.1f} of {2:.1f} min, at doors and corridors rather than "
    "at a stair or exit.",
    "排队决定了{0}栋的疏散时间：该栋最后一名居民在{2:.1f}分钟中排队{1:.1f}"
    "分钟，排队发生在门和走廊，而不是楼梯或出口。");
DT_PHRASE(
    kQueueGain,
    "Removing the queuing in {} would gain at most {:.1f} min (an upper bound from the split: the last resident's "
    "queuing, with pre-movement and walking unchanged).",
    "消除{}栋的排队最多可缩短{:.1f}分钟（由时间分解得出的上限：最后一名居民的排队时间，预动作时间和步行时间不变）。");
DT_PHRASE(kPremovementSets, "Pre-movement sets {}'s time: its last resident starts moving at {:.1f} min of {:.1f}.",
          "预动作时间决定了{}栋的疏散时间：该栋最后一名居民在第{:.1f}分钟才开始移动（共{:.1f}分钟）。");
DT_PHRASE(
    kWalkingSets,
    "Walking sets {0}'s time: its last resident walks {1:.1f} of {2:.1f} min (distance and walking speed, not the "
    "capacity of stairs or exits).",
    "步行决定了{0}栋的疏散时间：该栋最后一名居民在{2:.1f}分钟中步行{1:.1f}"
    "分钟（取决于距离和步行速度，而不是楼梯或出口的"
    "通行能力）。");
DT_PHRASE(kDetectionSets,
          "Detection and alarm set {}'s time: the alarm reaches its last resident {:.1f} min after the fire starts, "
          "of {:.1f} min.",
          "火灾探测与报警决定了{}栋的疏散时间：火灾发生{:.1f}分钟后该栋最后一名居民才听到警报（共{:.1f}分钟）。");
DT_PHRASE(kSiteCritical, "On the whole site, {} {} holds the most waiting: {:.0f} person-min (peak {:.0f} people).",
          "全小区等待最多的是{}{}：累计{:.0f}人·分钟（高峰{:.0f}人）。");
DT_PHRASE(kStairWord, "stair", "楼梯");
DT_PHRASE(kExitWord, "exit", "出口");

// The mean of a KPI's finite values across replications; NaN when it has none or is missing.
double mean_of(const KpiTable& t, const std::string& name) {
  const std::size_t k = t.find(name);
  if (k == KpiTable::npos) return kNaN;
  double sum = 0;
  std::size_t n = 0;
  for (const double x : t.column(k))
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : kNaN;
}

SplitParts parts_of(const KpiTable& t, const std::string& prefix, const char* which) {
  SplitParts p;
  p.detection_s = mean_of(t, fmt::format("{}.{}_detection_s", prefix, which));
  p.premovement_s = mean_of(t, fmt::format("{}.{}_premovement_s", prefix, which));
  p.walking_s = mean_of(t, fmt::format("{}.{}_walking_s", prefix, which));
  p.queuing_s = mean_of(t, fmt::format("{}.{}_queuing_s", prefix, which));
  return p;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

double min(double s) { return s / 60.0; }

// Stairs are named "<building>.S<n>", exits "<building>/<label>" (a layout's exit label) or
// "<building>.<label>": the name less its building's prefix, or "" when `building` does not prefix it.
std::string within(const std::string& name, const std::string& building) {
  if (building.empty() || name.size() <= building.size() + 1 || name.compare(0, building.size(), building) != 0)
    return {};
  const char sep = name[building.size()];
  return sep == '.' || sep == '/' ? name.substr(building.size() + 1) : std::string();
}

Finding dominant_finding(const BuildingSplit& b, const PlaceQueueSummary* critical) {
  const SplitParts& p = b.last;
  const double total = p.total_s();
  Finding f;
  f.building = b.building;
  f.gain_upper_bound_s = kNaN;
  // The largest part sets the time (ties: the earlier part in the person's timeline).
  const double parts[4] = {p.detection_s, p.premovement_s, p.walking_s, p.queuing_s};
  const std::size_t largest = static_cast<std::size_t>(std::max_element(parts, parts + 4) - parts);
  if (largest == 3 && critical != nullptr) {
    f.kind = "queuing";
    f.place = critical->name;
    f.gain_upper_bound_s = p.queuing_s;
    const std::string rest = within(critical->name, b.building);
    const std::string short_name = rest.empty() ? critical->name : rest;
    f.text =
        say(critical->kind == "exit" ? kExitQueues : kStairQueues, short_name, b.building, min(critical->queue_time_s),
            critical->peak_queue, min(critical->wait_person_s), b.building, min(p.queuing_s), min(total)) +
        " " + say(kQueueGain, b.building, min(p.queuing_s));
  } else if (largest == 3) {  // the queues were at flat doors or corridors, not at a stair or exit
    f.kind = "queuing";
    f.gain_upper_bound_s = p.queuing_s;
    f.text = say(kQueuingElsewhere, b.building, min(p.queuing_s), min(total)) + " " +
             say(kQueueGain, b.building, min(p.queuing_s));
  } else if (largest == 1) {
    f.kind = "premovement";
    f.text = say(kPremovementSets, b.building, min(p.detection_s + p.premovement_s), min(total));
  } else if (largest == 0) {
    f.kind = "detection";
    f.text = say(kDetectionSets, b.building, min(p.detection_s), min(total));
  } else {
    f.kind = "walking";
    f.text = say(kWalkingSets, b.building, min(p.walking_s), min(total));
  }
  return f;
}

}  // namespace

BottleneckAnalysis analyse_bottlenecks(const KpiTable& t) {
  BottleneckAnalysis a;
  if (t.find("evacuation.site.last_queuing_s") == KpiTable::npos) return a;
  a.site = {"site", parts_of(t, "evacuation.site", "last"), parts_of(t, "evacuation.site", "mean")};
  const std::string building_prefix = "evacuation.building.", split_tail = ".last_queuing_s";
  for (const KpiDefinition& k : t.kpis()) {
    const std::string& n = k.name;
    if (n.rfind(building_prefix, 0) == 0 && ends_with(n, split_tail)) {
      const std::string id = n.substr(building_prefix.size(), n.size() - building_prefix.size() - split_tail.size());
      const std::string prefix = building_prefix + id;
      a.buildings.push_back({id, parts_of(t, prefix, "last"), parts_of(t, prefix, "mean")});
    }
  }
  for (const char* kind : {"stair", "exit"}) {
    const std::string prefix = fmt::format("evacuation.{}.", kind), tail = ".wait_person_s";
    for (const KpiDefinition& k : t.kpis()) {
      const std::string& n = k.name;
      if (n.rfind(prefix, 0) != 0 || !ends_with(n, tail)) continue;
      PlaceQueueSummary q;
      q.name = n.substr(prefix.size(), n.size() - prefix.size() - tail.size());
      q.kind = kind;
      const std::string id = prefix + q.name;
      q.peak_queue = mean_of(t, id + ".peak_queue");
      q.queue_time_s = mean_of(t, id + ".queue_time_s");
      q.wait_person_s = mean_of(t, id + ".wait_person_s");
      q.queue_end_s = mean_of(t, id + ".queue_end_s");
      for (const BuildingSplit& b : a.buildings)  // the longest building id that prefixes the name
        if (!within(q.name, b.building).empty() && b.building.size() > q.building.size()) q.building = b.building;
      a.places.push_back(std::move(q));
    }
  }
  if (a.buildings.empty()) return a;

  // The building that finishes last, and in it the stair or exit with the most waiting (ties: the
  // one whose queue ends last, then KPI order).
  const BuildingSplit* slowest = nullptr;
  for (const BuildingSplit& b : a.buildings)
    if (std::isfinite(b.last.total_s()) && (slowest == nullptr || b.last.total_s() > slowest->last.total_s()))
      slowest = &b;
  auto more_waiting = [](const PlaceQueueSummary* best, const PlaceQueueSummary& q) {
    if (!(q.wait_person_s > 0)) return false;
    if (best == nullptr || q.wait_person_s > best->wait_person_s) return true;
    return q.wait_person_s == best->wait_person_s && q.queue_end_s > best->queue_end_s;
  };
  const PlaceQueueSummary* critical = nullptr;
  const PlaceQueueSummary* site_critical = nullptr;
  for (const PlaceQueueSummary& q : a.places) {
    if (slowest != nullptr && q.building == slowest->building && more_waiting(critical, q)) critical = &q;
    if (more_waiting(site_critical, q)) site_critical = &q;
  }
  if (slowest != nullptr) {
    a.slowest_building = slowest->building;
    a.findings.push_back(dominant_finding(*slowest, critical));
  }
  if (critical != nullptr) a.critical_place = critical->name;
  if (site_critical != nullptr) {
    a.site_critical_place = site_critical->name;
    if (site_critical != critical) {
      Finding f;
      f.kind = "queuing";
      f.building = "site";
      f.place = site_critical->name;
      f.gain_upper_bound_s = kNaN;
      f.text = say(kSiteCritical, say(site_critical->kind == "exit" ? kExitWord : kStairWord), site_critical->name,
                   min(site_critical->wait_person_s), site_critical->peak_queue);
      a.findings.push_back(std::move(f));
    }
  }
  return a;
}

nlohmann::ordered_json bottleneck_json(const BottleneckAnalysis& a) {
  using Json = nlohmann::ordered_json;
  auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  auto parts = [&](const SplitParts& p) {
    return Json{{"detection_s", num(p.detection_s)},
                {"premovement_s", num(p.premovement_s)},
                {"walking_s", num(p.walking_s)},
                {"queuing_s", num(p.queuing_s)},
                {"total_s", num(p.total_s())}};
  };
  auto split = [&](const BuildingSplit& b) { return Json{{"last", parts(b.last)}, {"mean", parts(b.mean)}}; };
  Json j;
  j["site"] = split(a.site);
  Json buildings = Json::object();
  for (const BuildingSplit& b : a.buildings) buildings[b.building] = split(b);
  j["buildings"] = std::move(buildings);
  Json places = Json::array();
  for (const PlaceQueueSummary& q : a.places)
    places.push_back({{"name", q.name},
                      {"kind", q.kind},
                      {"building", q.building},
                      {"peak_queue", num(q.peak_queue)},
                      {"queue_time_s", num(q.queue_time_s)},
                      {"wait_person_s", num(q.wait_person_s)},
                      {"queue_end_s", num(q.queue_end_s)}});
  j["places"] = std::move(places);
  j["slowest_building"] = a.slowest_building.empty() ? Json(nullptr) : Json(a.slowest_building);
  j["critical_place"] = a.critical_place.empty() ? Json(nullptr) : Json(a.critical_place);
  j["site_critical_place"] = a.site_critical_place.empty() ? Json(nullptr) : Json(a.site_critical_place);
  Json findings = Json::array();
  for (const Finding& f : a.findings)
    findings.push_back({{"kind", f.kind},
                        {"building", f.building},
                        {"place", f.place.empty() ? Json(nullptr) : Json(f.place)},
                        {"gain_upper_bound_s", num(f.gain_upper_bound_s)},
                        {"text", f.text}});
  j["findings"] = std::move(findings);
  return j;
}

}  // namespace dt
