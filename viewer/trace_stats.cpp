#include "viewer/trace_stats.h"

#include <algorithm>
#include <map>

namespace dtv {

namespace {

// "C1/S1/F3-F4" → "C1/S1"; "" when the label has no second '/'.
std::string stair_key(const std::string& label) {
  const std::size_t a = label.find('/');
  if (a == std::string::npos) return {};
  const std::size_t b = label.find('/', a + 1);
  return b == std::string::npos ? std::string() : label.substr(0, b);
}

}  // namespace

TraceStats::TraceStats(trace::TraceReader& reader)
    : dt_s_(reader.meta().frame_interval_s), frames_(reader.frame_count()) {
  const trace::Scene& sc = reader.scene();
  slot_.assign(sc.links.size(), -1);
  std::map<std::string, std::size_t> group;
  auto group_of = [&](const std::string& label, int32_t building) -> StairGroup* {
    const std::string key = stair_key(label);
    if (key.empty()) return nullptr;
    auto [it, fresh] = group.try_emplace(key, stairs_.size());
    if (fresh) {
      StairGroup g;
      g.building_id = key.substr(0, key.find('/'));
      g.stair_id = key.substr(key.find('/') + 1);
      g.building = building;
      stairs_.push_back(std::move(g));
    }
    return &stairs_[it->second];
  };
  for (uint32_t l = 0; l < sc.links.size(); ++l) {
    if (sc.links[l].kind != trace::LinkKind::Stair) continue;
    slot_[l] = static_cast<int32_t>(flights_.size());
    flights_.push_back(l);
    if (StairGroup* g = group_of(sc.links[l].label, sc.links[l].building)) g->flights.push_back(l);
  }
  std::vector<int32_t> landing_group(sc.nodes.size(), -1);
  for (uint32_t n = 0; n < sc.nodes.size(); ++n)
    if (sc.nodes[n].kind == trace::NodeKind::StairLanding)
      if (StairGroup* g = group_of(sc.nodes[n].label, sc.nodes[n].building)) {
        g->landings.push_back(n);
        landing_group[n] = static_cast<int32_t>(g - stairs_.data());
      }
  // Stairs in order of building, then of stair id as the labels sort ("S1" before "S2").
  std::vector<std::size_t> order(stairs_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (stairs_[a].building != stairs_[b].building) return stairs_[a].building < stairs_[b].building;
    return stairs_[a].stair_id < stairs_[b].stair_id;
  });
  std::vector<StairGroup> sorted;
  std::vector<int32_t> rank(stairs_.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    rank[order[i]] = static_cast<int32_t>(i);
    sorted.push_back(std::move(stairs_[order[i]]));
  }
  stairs_ = std::move(sorted);
  std::vector<int32_t> flight_group(sc.links.size(), -1);
  for (std::size_t s = 0; s < stairs_.size(); ++s)
    for (const uint32_t l : stairs_[s].flights) flight_group[l] = static_cast<int32_t>(s);
  for (int32_t& g : landing_group)
    if (g >= 0) g = rank[static_cast<std::size_t>(g)];

  // One pass over the frames.
  on_stair_.assign(stairs_.size() * frames_, 0.0f);
  peak_.assign(stairs_.size(), 0.0f);
  load_at_.reserve(frames_ + 1);
  load_at_.push_back(0);
  std::vector<double> total(flights_.size(), 0.0);
  trace::Frame f;
  for (std::size_t k = 0; k < frames_; ++k) {
    if (k % kCheckpointEvery == 0) checkpoint_.insert(checkpoint_.end(), total.begin(), total.end());
    reader.read_frame(k, f);
    for (const trace::Load& x : f.on_link) {
      if (x.index >= slot_.size() || slot_[x.index] < 0 || x.people == 0) continue;
      load_.push_back({static_cast<uint32_t>(slot_[x.index]), x.people});
      total[static_cast<std::size_t>(slot_[x.index])] += x.people * dt_s_;
      if (flight_group[x.index] >= 0) on_stair_[static_cast<std::size_t>(flight_group[x.index]) * frames_ + k] += static_cast<float>(x.people);
    }
    for (const trace::Load& x : f.queuing)
      if (x.index < landing_group.size() && landing_group[x.index] >= 0)
        on_stair_[static_cast<std::size_t>(landing_group[x.index]) * frames_ + k] += static_cast<float>(x.people);
    load_at_.push_back(static_cast<uint32_t>(load_.size()));
  }
  for (std::size_t s = 0; s < stairs_.size(); ++s)
    for (std::size_t k = 0; k < frames_; ++k) peak_[s] = std::max(peak_[s], on_stair_[s * frames_ + k]);
  running_.assign(flights_.size(), 0.0);
  at_ = 0;
}

void TraceStats::person_seconds_before(std::size_t k, std::span<double> out) {
  k = std::min(k, frames_);
  if (k < at_ || k - at_ > kCheckpointEvery) {  // from the checkpoint at or before k
    const std::size_t count = flights_.empty() ? 0 : checkpoint_.size() / flights_.size();
    const std::size_t c = count == 0 ? 0 : std::min(k / kCheckpointEvery, count - 1);
    if (count > 0)
      std::copy_n(checkpoint_.begin() + static_cast<std::ptrdiff_t>(c * flights_.size()), flights_.size(), running_.begin());
    at_ = c * kCheckpointEvery;
  }
  for (; at_ < k; ++at_)
    for (uint32_t i = load_at_[at_]; i < load_at_[at_ + 1]; ++i) running_[load_[i].index] += load_[i].people * dt_s_;
  std::copy_n(running_.begin(), std::min(out.size(), running_.size()), out.begin());
}

}  // namespace dtv
