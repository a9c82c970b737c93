#include "engine/output/headline.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "engine/kernel/lang.h"
#include "engine/kernel/statistics.h"
#include "engine/output/bottleneck.h"
#include "engine/output/kpi_text.h"
#include "engine/output/readable.h"

namespace dt {

namespace {

DT_PHRASE(kAllSafe, "All residents safe after {} (95 % CI {}) in {} of {} runs",
          "全部居民到达安全区用时 {}（95% 置信区间 {}），有 {} 次运行全部安全（共 {} 次）");
DT_PHRASE(kAllSafeEvery, "All residents safe after {} (95 % CI {}) in every one of the {} runs.",
          "全部居民到达安全区用时 {}（95% 置信区间 {}），{} 次运行全部安全。");
DT_PHRASE(kLeftBehind, "; {} of {} runs left someone behind.", "；{} 次（共 {} 次）有人未能脱险。");
DT_PHRASE(kNeverAllSafe, "In none of the {} runs were all residents safe by the end of the run.",
          "{} 次运行中没有一次在运行结束前全部居民到达安全区。");
DT_PHRASE(kAllOut, "All residents out after {} (95 % CI {}); the last building to clear was {}.",
          "全部居民疏散完毕用时 {}（95% 置信区间 {}）；最后疏散完毕的楼栋是 {}。");
DT_PHRASE(kWalkersOut, "Residents who left on their own were out after {} (95 % CI {}); the last building to clear was {}.",
          "自行疏散的居民用时 {}（95% 置信区间 {}）全部离开；最后疏散完毕的楼栋是 {}。");
DT_PHRASE(kNobodyCame, "{} residents a run waited for assistance and nobody came for them: the scenario has no staff who assist.",
          "每次运行平均有 {} 名居民等待协助，但无人前来：本情景没有负责协助的工作人员。");
DT_PHRASE(kFireBrigade, "The fire brigade", "消防队");
DT_PHRASE(kAmbulance, "The ambulance", "救护车");
DT_PHRASE(kBrigadeLine, "{} was at the gate {} after the alert on average and brought out {} of them.",
          "{} 平均在接警后 {} 到达大门，协助 {} 人撤离。");
DT_PHRASE(kAmbulanceLine, "{} was at the gate {} after each call for it on average.", "{} 平均在每次呼叫后 {} 到达大门。");
DT_PHRASE(kAssistedAll, "{} residents a run waited for assistance; all were reached, the last after {} on average.",
          "每次运行平均有 {} 名居民等待协助；全部得到救助，最后一人平均在 {} 后获救。");
DT_PHRASE(kAssistedSome, "{} residents a run waited for assistance; {} were reached on average, {} could not be reached ({} of {} runs).",
          "每次运行平均有 {} 名居民等待协助；平均 {} 人获救，{} 人无法到达（{} 次，共 {} 次运行）。");
DT_PHRASE(kIncidents, "{} incidents a run: {} reached within 15 min and {} within 30 min; mean response {}.",
          "每次运行 {} 起事件：{} 在 15 分钟内到达，{} 在 30 分钟内到达；平均响应时间 {}。");
DT_PHRASE(kByPriority, "Within 15 / 30 min by priority: {}.", "按优先级 15 / 30 分钟内到达率：{}。");
DT_PHRASE(kEntrapments, "{} lift entrapments a run; trapped people reached after {} on average, {} within 30 min.",
          "每次运行平均 {} 起电梯困人；被困人员平均 {} 后得到救援，{} 在 30 分钟内。");
DT_PHRASE(kTargetsAllMet, "Targets: all {} met.", "目标：{} 项全部达标。");
DT_PHRASE(kTargetsSome, "Targets: {} of {} met; {}.", "目标：{} 项达标（共 {} 项）；{}。");
DT_PHRASE(kMissSep, "; ", "；");
DT_PHRASE(kTargetMiss, "{}: {} against {} ({})", "{}：{}，目标 {}（{}）");
DT_PHRASE(kListSep, ", ", "，");
DT_PHRASE(kRankedBy, "Ranked by {} ({} is better), against the baseline {}:", "按{}排序（{}为优），基准为 {}：");
DT_PHRASE(kLower, "lower", "越低");
DT_PHRASE(kHigher, "higher", "越高");
DT_PHRASE(kRankBaseline, "{}. {}: {} (baseline){}", "{}. {}：{}（基准）{}");
DT_PHRASE(kRankLine, "{}. {}: {} ({} vs baseline, {}){}", "{}. {}：{}（相对基准 {}，{}）{}");
DT_PHRASE(kSignificant, "significant", "显著");
DT_PHRASE(kNotSignificant, "not significant", "不显著");
DT_PHRASE(kTargetsOf, "; targets met {} of {}", "；达标 {}/{}");
DT_PHRASE(kMoreVariants, "… and {} more (report.html).", "……另有 {} 个（见 report.html）。");
DT_PHRASE(kPointsMeet, "{} of {} points meet every target: {}.", "有 {} 个点满足全部目标（共 {} 个）：{}。");
DT_PHRASE(kPointsNone, "No point of the {} meets every target; closest: {} ({} of {} met).",
          "{} 个点中没有一个满足全部目标；最接近的是 {}（{}/{} 项达标）。");
DT_PHRASE(kBestPoint, "Best by {}: {} ({}).", "按{}最优：{}（{}）。");
DT_PHRASE(kAndMore, "{} and {} more", "{} 等 {} 个");
DT_PHRASE(kWorstHour, "Worst hour: {:02}:00–{:02}:00, {} incidents a run, {} of them past their response target.",
          "最差时段：{:02}:00–{:02}:00，每次运行 {} 起事件，其中 {} 起超出响应时限。");

// Means of counts read as whole people when large, with one decimal when small.
std::string count_words(double x) {
  if (!std::isfinite(x)) return "–";
  return std::fabs(x) >= 10 ? fmt::format("{:.0f}", x) : plain_number(std::round(x * 10) / 10);
}

struct Kpi {
  const KpiTable* table = nullptr;
  std::size_t k = KpiTable::npos;
  explicit operator bool() const { return k != KpiTable::npos; }
  [[nodiscard]] const KpiDefinition& def() const { return table->kpis()[k]; }
  [[nodiscard]] SampleSummary s() const { return table->summary(k); }
  [[nodiscard]] double mean() const { return s().mean; }
  [[nodiscard]] double at(std::size_t r) const { return table->row(r)[k]; }
};

Kpi find(const KpiTable& t, std::string_view name) { return {&t, t.find(name)}; }

nlohmann::ordered_json num(double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr); }

nlohmann::ordered_json stat_json(const Kpi& kpi) {
  const SampleSummary s = kpi.s();
  nlohmann::ordered_json j;
  j["kpi"] = kpi.def().name;
  j["mean"] = num(s.mean);
  j["ci95_low"] = num(s.ci95_low);
  j["ci95_high"] = num(s.ci95_high);
  j["n"] = s.n;
  return j;
}

// The building whose evacuation.building.B.total_time_s has the largest mean (first on ties).
std::optional<std::string> last_building(const KpiTable& t) {
  const std::string prefix = "evacuation.building.", suffix = ".total_time_s";
  std::optional<std::string> best;
  double worst = -1;
  for (std::size_t k = 0; k < t.kpis().size(); ++k) {
    const std::string& n = t.kpis()[k].name;
    if (n.size() <= prefix.size() + suffix.size() || n.compare(0, prefix.size(), prefix) != 0 ||
        n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const double m = t.summary(k).mean;
    if (std::isfinite(m) && m > worst) {
      worst = m;
      best = n.substr(prefix.size(), n.size() - prefix.size() - suffix.size());
    }
  }
  return best;
}

void evacuation_lines(const KpiTable& t, Headline& h) {
  const Kpi total = find(t, "evacuation.total_time_s");
  if (!total) return;
  const std::size_t runs = t.replications();
  const Kpi all_safe = find(t, "emergency.all_safe_time_s");
  const Kpi safe_fraction = find(t, "emergency.safe_fraction");
  const Kpi evacuated = find(t, "evacuation.evacuated_fraction");
  const Kpi awaiting = find(t, "evacuation.awaiting_assistance");
  const std::string last = last_building(t).value_or("–");
  nlohmann::ordered_json j;

  // A run "left someone behind" when not everyone was safe (or out, without the emergency model).
  std::size_t left = 0;
  for (std::size_t r = 0; r < runs; ++r) {
    if (all_safe) {
      const double f = safe_fraction ? safe_fraction.at(r) : 1.0;
      left += !std::isfinite(all_safe.at(r)) || (std::isfinite(f) && f < 1.0);
    } else if (evacuated) {
      left += std::isfinite(evacuated.at(r)) && evacuated.at(r) < 1.0;
    }
  }
  j["runs"] = runs;
  j["runs_left_someone_behind"] = left;
  if (all_safe) {
    const SampleSummary s = all_safe.s();
    const std::size_t safe_runs = runs - left;
    j["all_safe"] = stat_json(all_safe);
    if (safe_runs == 0 || !std::isfinite(s.mean)) {
      h.lines.push_back(say(kNeverAllSafe, runs));
    } else if (left == 0) {
      h.lines.push_back(say(kAllSafeEvery, duration_words(s.mean), interval_words(s.ci95_low, s.ci95_high, all_safe.def()), runs));
    } else {
      h.lines.push_back(say(kAllSafe, duration_words(s.mean), interval_words(s.ci95_low, s.ci95_high, all_safe.def()),
                            safe_runs, runs) +
                        say(kLeftBehind, left, runs));
    }
    const SampleSummary w = total.s();
    h.lines.push_back(say(kWalkersOut, duration_words(w.mean), interval_words(w.ci95_low, w.ci95_high, total.def()), last));
  } else {
    const SampleSummary w = total.s();
    const double waiting = awaiting ? awaiting.mean() : 0.0;
    h.lines.push_back(say(waiting > 0 ? kWalkersOut : kAllOut, duration_words(w.mean),
                          interval_words(w.ci95_low, w.ci95_high, total.def()), last));
    if (waiting > 0) h.lines.push_back(say(kNobodyCame, count_words(waiting)));
  }
  j["evacuation"] = stat_json(total);
  j["last_building"] = last;

  // Residents who needed assistance, with the emergency model's staff.
  const Kpi assisted = find(t, "assistance.residents");
  const Kpi rescued = find(t, "assistance.rescued");
  const Kpi unreachable = find(t, "assistance.unreachable");
  const Kpi assist_done = find(t, "assistance.total_time_s");
  if (assisted && rescued && assisted.mean() > 0) {
    std::size_t runs_unreached = 0;
    if (unreachable)
      for (std::size_t r = 0; r < runs; ++r) runs_unreached += std::isfinite(unreachable.at(r)) && unreachable.at(r) > 0;
    nlohmann::ordered_json a;
    a["residents"] = num(assisted.mean());
    a["reached"] = num(rescued.mean());
    a["unreachable"] = num(unreachable ? unreachable.mean() : 0.0);
    a["runs_with_someone_unreached"] = runs_unreached;
    if (assist_done) a["last_reached"] = stat_json(assist_done);
    j["assistance"] = std::move(a);
    if (runs_unreached == 0)
      h.lines.push_back(say(kAssistedAll, count_words(assisted.mean()),
                            assist_done ? duration_words(assist_done.mean()) : std::string("–")));
    else
      h.lines.push_back(say(kAssistedSome, count_words(assisted.mean()), count_words(rescued.mean()),
                            count_words(unreachable.mean()), runs_unreached, runs));
  }
  // Outside responders (assistance.responders): when each team was there and what it did.
  for (std::size_t k = 0; k < t.kpis().size(); ++k) {
    const std::string& name = t.kpis()[k].name;
    if (!name.starts_with("responders.") || !name.ends_with(".response_s")) continue;
    const std::string team = name.substr(11, name.size() - 11 - 11);
    const Kpi response{&t, k};
    const Kpi by_team = find(t, "responders." + team + ".rescued");
    const std::string who = team == "fire_brigade" ? say(kFireBrigade) : team == "ambulance" ? say(kAmbulance) : team;
    if (!std::isfinite(response.mean())) continue;
    if (by_team)
      h.lines.push_back(say(kBrigadeLine, who, duration_words(response.mean()), count_words(by_team.mean())));
    else
      h.lines.push_back(say(kAmbulanceLine, who, duration_words(response.mean())));
    nlohmann::ordered_json r;
    r["response"] = stat_json(response);
    if (by_team) r["rescued"] = num(by_team.mean());
    j["responders"][team] = std::move(r);
  }
  // What sets the time, and what one change could gain (bottleneck.h): the first two findings.
  const BottleneckAnalysis b = analyse_bottlenecks(t);
  for (std::size_t i = 0; i < b.findings.size() && i < 2; ++i) h.lines.push_back(b.findings[i].text);
  h.json["evacuation"] = std::move(j);
}

void dispatch_lines(const KpiTable& t, Headline& h) {
  const Kpi incidents = find(t, "dispatch.incidents");
  const Kpi w15 = find(t, "dispatch.within_15min_fraction");
  const Kpi w30 = find(t, "dispatch.within_30min_fraction");
  const Kpi response = find(t, "dispatch.response_time_s");
  if (!incidents || !w15 || !w30 || !response) return;
  nlohmann::ordered_json j;
  j["incidents"] = num(incidents.mean());
  j["within_15min"] = stat_json(w15);
  j["within_30min"] = stat_json(w30);
  j["response_time"] = stat_json(response);
  h.lines.push_back(say(kIncidents, count_words(incidents.mean()), percent_text(w15.mean()), percent_text(w30.mean()),
                        duration_words(response.mean())));
  // Per priority, in the table's order (P1 first).
  std::vector<std::string> parts;
  nlohmann::ordered_json by = nlohmann::ordered_json::object();
  for (std::size_t k = 0; k < t.kpis().size(); ++k) {
    const std::string& n = t.kpis()[k].name;
    const std::string prefix = "dispatch.priority.", suffix = ".within_15min_fraction";
    if (n.size() <= prefix.size() + suffix.size() || n.compare(0, prefix.size(), prefix) != 0 ||
        n.compare(n.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string p = n.substr(prefix.size(), n.size() - prefix.size() - suffix.size());
    const Kpi p15{&t, k};
    const Kpi p30 = find(t, prefix + p + ".within_30min_fraction");
    const Kpi count = find(t, prefix + p + ".incidents");
    if (!p30 || (count && !(count.mean() > 0))) continue;
    parts.push_back(p + " " + percent_text(p15.mean()) + " / " + percent_text(p30.mean()));
    by[p] = {{"within_15min", num(p15.mean())}, {"within_30min", num(p30.mean())}};
  }
  if (!parts.empty()) {
    std::string joined;
    for (const std::string& s : parts) joined += (joined.empty() ? "" : say(kListSep)) + s;
    h.lines.push_back(say(kByPriority, joined));
    j["by_priority"] = std::move(by);
  }
  h.json["dispatch"] = std::move(j);
}

void worst_hour_line(std::span<const ReplicationSeries> series, Headline& h) {
  const std::optional<WorstHour> w = worst_dispatch_hour(series);
  if (!w) return;
  h.lines.push_back(say(kWorstHour, w->hour, (w->hour + 1) % 24, count_words(w->incidents), count_words(w->missed)));
  h.json["dispatch"]["worst_hour"] = {{"hour", w->hour}, {"incidents", w->incidents}, {"missed_target", w->missed}};
}

void elevator_lines(const KpiTable& t, Headline& h) {
  const Kpi trapped = find(t, "elevator.entrapments");
  const Kpi response = find(t, "elevator.rescue_response_s");
  const Kpi within = find(t, "elevator.rescue_within_30min_fraction");
  if (!trapped || !(trapped.mean() > 0) || !response || !within) return;
  h.lines.push_back(say(kEntrapments, count_words(trapped.mean()), duration_words(response.mean()), percent_text(within.mean())));
  h.json["elevator"] = {{"entrapments", num(trapped.mean())}, {"rescue_response", stat_json(response)},
                        {"rescue_within_30min", stat_json(within)}};
}

void target_lines(const KpiTable& t, std::span<const KpiTarget> targets, Headline& h) {
  std::size_t judged = 0, met = 0;
  std::vector<std::string> misses;
  for (const KpiTarget& target : targets) {
    const std::size_t k = t.find(target.kpi);
    if (k == KpiTable::npos) continue;
    const TargetCheck c = check_target(t.summary(k), target);
    if (c.rag == Rag::None) continue;
    ++judged;
    if (c.rag == Rag::Green) {
      ++met;
      continue;
    }
    const KpiDefinition& def = t.kpis()[k];
    misses.push_back(say(kTargetMiss, kpi_text(def).label, judged_words(c.value, target, def), target_words(target, def),
                         rag_words(c.rag)));
  }
  if (judged == 0) return;
  h.json["targets"] = {{"judged", judged}, {"met", met}};
  if (met == judged) {
    h.lines.push_back(say(kTargetsAllMet, judged));
    return;
  }
  std::string list;
  for (std::size_t i = 0; i < misses.size() && i < 3; ++i) list += (i ? say(kMissSep) : "") + misses[i];
  if (misses.size() > 3) list = say(kAndMore, list, misses.size() - 3);
  h.lines.push_back(say(kTargetsSome, met, judged, list));
}

void finish(Headline& h) {
  h.json["lang"] = lang_code(lang());
  h.json["text"] = h.lines;
}

}  // namespace

RankingKpi ranking_kpi(const KpiTable& t, std::span<const KpiTarget> targets) {
  for (const KpiTarget& target : targets)
    if (const std::size_t k = t.find(target.kpi); k != KpiTable::npos)
      return {k, target.sense == KpiTarget::Sense::AtMost};
  for (const char* name : {"emergency.all_safe_time_s", "evacuation.total_time_s", "dispatch.response_time_s"})
    if (const std::size_t k = t.find(name); k != KpiTable::npos) return {k, true};
  return {};
}

TargetTally tally_targets(const KpiTable& t, std::span<const KpiTarget> targets) {
  TargetTally tally;
  for (const KpiTarget& target : targets) {
    const std::size_t k = t.find(target.kpi);
    if (k == KpiTable::npos) continue;
    const Rag r = check_target(t.summary(k), target).rag;
    if (r == Rag::None) continue;
    ++tally.judged;
    tally.met += r == Rag::Green;
    tally.nearly += r == Rag::Amber;
    tally.missed += r == Rag::Red;
  }
  return tally;
}

Headline run_headline(const KpiTable& t, std::span<const KpiTarget> targets, std::span<const ReplicationSeries> series) {
  Headline h;
  h.json = nlohmann::ordered_json::object();
  evacuation_lines(t, h);
  dispatch_lines(t, h);
  if (h.json.contains("dispatch")) worst_hour_line(series, h);
  elevator_lines(t, h);
  target_lines(t, targets, h);
  finish(h);
  return h;
}

Headline compare_headline(const std::string& vary, std::span<const HeadlineVariant> variants,
                          std::span<const KpiTarget> targets) {
  Headline h;
  h.json = nlohmann::ordered_json::object();
  h.json["vary"] = vary;
  if (variants.empty()) return finish(h), h;
  const KpiTable& base = *variants.front().kpis;
  const RankingKpi rank = ranking_kpi(base, targets);
  if (rank.index == KpiTable::npos) return finish(h), h;
  const KpiDefinition& def = base.kpis()[rank.index];
  const std::vector<double> base_col = base.column(rank.index);

  struct Entry {
    std::size_t v;
    double mean;
    PairedDifference d;
    TargetTally tally;
  };
  std::vector<Entry> entries;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const KpiTable& t = *variants[v].kpis;
    const std::size_t k = t.find(def.name);
    if (k == KpiTable::npos) continue;
    const std::vector<double> col = t.column(k);
    entries.push_back({v, t.summary(k).mean, v == 0 ? PairedDifference{} : paired_difference(base_col, col),
                       tally_targets(t, targets)});
  }
  // More targets met first; then the ranking KPI (NaN last); then the given order.
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.tally.met != b.tally.met) return a.tally.met > b.tally.met;
    const bool fa = std::isfinite(a.mean), fb = std::isfinite(b.mean);
    if (fa != fb) return fa;
    if (!fa) return false;
    return rank.lower_is_better ? a.mean < b.mean : a.mean > b.mean;
  });
  h.lines.push_back(say(kRankedBy, kpi_text(def).label, say(rank.lower_is_better ? kLower : kHigher),
                        variants.front().label));
  nlohmann::ordered_json ranking = nlohmann::ordered_json::array();
  constexpr std::size_t kShown = 8;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const std::string tally = e.tally.judged ? say(kTargetsOf, e.tally.met, e.tally.judged) : "";
    if (i < kShown) {
      if (e.v == 0)
        h.lines.push_back("  " + say(kRankBaseline, i + 1, variants[e.v].label, value_words(e.mean, def), tally));
      else
        h.lines.push_back("  " + say(kRankLine, i + 1, variants[e.v].label, value_words(e.mean, def),
                                     difference_words(e.d.mean, def),
                                     say(e.d.significant ? kSignificant : kNotSignificant), tally));
    }
    nlohmann::ordered_json r;
    r["rank"] = i + 1;
    r["label"] = variants[e.v].label;
    r["mean"] = num(e.mean);
    if (e.v != 0) {
      r["difference"] = num(e.d.mean);
      r["difference_ci95_low"] = num(e.d.ci95_low);
      r["difference_ci95_high"] = num(e.d.ci95_high);
      r["significant"] = e.d.significant;
    }
    if (e.tally.judged) r["targets_met"] = e.tally.met, r["targets_judged"] = e.tally.judged;
    ranking.push_back(std::move(r));
  }
  if (entries.size() > kShown) h.lines.push_back("  " + say(kMoreVariants, entries.size() - kShown));
  h.json["ranked_by"] = def.name;
  h.json["lower_is_better"] = rank.lower_is_better;
  h.json["ranking"] = std::move(ranking);
  finish(h);
  return h;
}

Headline sweep_headline(std::span<const HeadlineVariant> points, std::span<const KpiTarget> targets) {
  Headline h;
  h.json = nlohmann::ordered_json::object();
  if (points.empty()) return finish(h), h;
  std::vector<TargetTally> tallies;
  for (const HeadlineVariant& p : points) tallies.push_back(tally_targets(*p.kpis, targets));
  const std::size_t judged = tallies.front().judged;
  if (judged > 0) {
    std::vector<std::size_t> meeting;
    for (std::size_t p = 0; p < points.size(); ++p)
      if (tallies[p].judged == judged && tallies[p].met == judged) meeting.push_back(p);
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (const std::size_t p : meeting) ids.push_back(p);
    h.json["targets"] = judged;
    h.json["points_meeting_every_target"] = std::move(ids);
    if (!meeting.empty()) {
      std::string list;
      for (std::size_t i = 0; i < meeting.size() && i < 5; ++i) list += (i ? "; " : "") + points[meeting[i]].label;
      if (meeting.size() > 5) list = say(kAndMore, list, meeting.size() - 5);
      h.lines.push_back(say(kPointsMeet, meeting.size(), points.size(), list));
    } else {
      std::size_t best = 0;
      for (std::size_t p = 1; p < points.size(); ++p)
        if (tallies[p].met > tallies[best].met) best = p;
      h.json["closest_point"] = best;
      h.lines.push_back(say(kPointsNone, points.size(), points[best].label, tallies[best].met, judged));
    }
  }
  const RankingKpi rank = ranking_kpi(*points.front().kpis, targets);
  if (rank.index != KpiTable::npos) {
    const KpiDefinition& def = points.front().kpis->kpis()[rank.index];
    std::optional<std::size_t> best;
    double best_mean = 0;
    for (std::size_t p = 0; p < points.size(); ++p) {
      const std::size_t k = points[p].kpis->find(def.name);
      if (k == KpiTable::npos) continue;
      const double m = points[p].kpis->summary(k).mean;
      if (!std::isfinite(m)) continue;
      if (!best || (rank.lower_is_better ? m < best_mean : m > best_mean)) best = p, best_mean = m;
    }
    if (best) {
      h.lines.push_back(say(kBestPoint, kpi_text(def).label, points[*best].label, value_words(best_mean, def)));
      h.json["ranked_by"] = def.name;
      h.json["best_point"] = *best;
    }
  }
  finish(h);
  return h;
}

// The hour of the day with the most incidents past their type's response target, summed over the
// heatmap rows by type (dispatch.demand.miss_sla.type.*) and averaged over replications in order.
std::optional<WorstHour> worst_dispatch_hour(std::span<const ReplicationSeries> series) {
  if (series.empty()) return std::nullopt;
  std::vector<double> miss(24, 0.0), incidents(24, 0.0);
  bool any = false;
  const std::string miss_prefix = "dispatch.demand.miss_sla.type.", all_prefix = "dispatch.demand.incidents.type.";
  for (const ReplicationSeries& rs : series)
    for (const Series& s : rs) {
      const bool is_miss = s.name.compare(0, miss_prefix.size(), miss_prefix) == 0;
      const bool is_all = s.name.compare(0, all_prefix.size(), all_prefix) == 0;
      if (!is_miss && !is_all) continue;
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
        const auto hour = static_cast<std::size_t>(std::lround(s.x[i]));
        if (hour >= 24 || !std::isfinite(s.y[i])) continue;
        (is_miss ? miss : incidents)[hour] += s.y[i];
        any = true;
      }
    }
  if (!any) return std::nullopt;
  const auto n = static_cast<double>(series.size());
  std::size_t worst = 0;
  for (std::size_t hour = 1; hour < 24; ++hour)
    if (miss[hour] > miss[worst]) worst = hour;
  if (!(miss[worst] > 0)) return std::nullopt;
  return WorstHour{worst, incidents[worst] / n, miss[worst] / n};
}

}  // namespace dt
