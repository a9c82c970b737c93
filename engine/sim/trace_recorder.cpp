#include "engine/sim/trace_recorder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <queue>

#include "engine/dispatch/dispatch_model.h"
#include "engine/people/population.h"
#include "engine/sim/layout_scene.h"
#include "engine/sim/replication.h"
#include "engine/world/network_timeline.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kTraceNeedsEvacuation,
          "--trace needs people moving on a layout or a dispatch on one: this scenario has no `evacuation:` section "
          "and no `incidents:` on a `layout:`",
          "--trace 需要有人员在布局上移动，或在布局上派单：此场景既没有 `evacuation:` 部分，也没有基于 `layout:` 的 `incidents:`");

// A dispatch run's trace has no people: its frames only tick the clock, at least a minute apart.
constexpr double kDispatchFrameInterval_s = 60.0;

// The trace of a dispatch scenario on a layout (no evacuation): the scene, frames without people,
// and per counted incident a ServiceRequest event at its report and a ServiceLate event when its
// response target passes without staff on site (engine/output/trace.h, docs/formats.md).
TraceSummary record_dispatch_trace(const Site& site, const ScenarioConfig& scenario, const TraceOptions& options,
                                   const std::filesystem::path& path) {
  const DispatchConfig& dc = *site.dispatch;
  const trace::Scene scene = make_scene(*site.layout, *site.network);
  trace::Meta meta;
  meta.drilltwin_version = DRILLTWIN_VERSION;
  meta.scenario = scenario.name;
  meta.seed = scenario.run.seed;
  meta.replication = options.replication;
  meta.frame_interval_s = std::max(options.interval_s, kDispatchFrameInterval_s);
  meta.start_clock_s = dc.clock_start_s;
  meta.keyframe_every = options.keyframe_every;
  std::vector<double> row(kpi_definitions(site, scenario).size());
  run_replication(site, scenario, options.replication, row);
  // The same replication once more, keeping its incidents (record_samples changes no draw).
  const DispatchResult r = run_dispatch(dc, scenario.run.seed, options.replication, true);
  std::vector<trace::Event> events;
  for (const DispatchIncidentRecord& in : r.incident_log) {
    trace::Event e;
    e.t_s = in.report_s;
    e.kind = trace::EventKind::ServiceRequest;
    e.subject = in.building >= 0 && static_cast<std::size_t>(in.building) < scene.buildings.size()
                    ? static_cast<uint32_t>(in.building) : trace::kNone;
    if (in.node < scene.nodes.size()) e.position = scene.nodes[in.node].position;
    e.value = static_cast<float>(in.type);
    e.text = dc.types[in.type].name;
    events.push_back(e);
    if (!(in.on_site_s - in.report_s <= in.sla_s)) {  // reached late or never: late from the target on
      e.t_s = in.report_s + in.sla_s;
      e.kind = trace::EventKind::ServiceLate;
      events.push_back(std::move(e));
    }
  }
  std::stable_sort(events.begin(), events.end(), [](const trace::Event& a, const trace::Event& b) { return a.t_s < b.t_s; });
  double end_s = dc.duration_s;
  for (const trace::Event& e : events) end_s = std::max(end_s, e.t_s);
  trace::TraceWriter writer(path, meta, scene, {});
  const auto frames = static_cast<uint32_t>(std::ceil(end_s / meta.frame_interval_s - 1e-9)) + 1;
  std::size_t next = 0;
  for (uint32_t k = 0; k < frames; ++k) {
    const double t = k * meta.frame_interval_s;
    for (; next < events.size() && events[next].t_s <= t; ++next) writer.event(events[next]);
    writer.frame(k, {}, {}, trace::Figures{});
  }
  for (; next < events.size(); ++next) writer.event(events[next]);
  writer.finish(end_s);
  TraceSummary s;
  s.incidents = static_cast<uint32_t>(r.incident_log.size());
  s.frame_interval_s = meta.frame_interval_s;
  s.frames = writer.frames_written();
  s.bytes = writer.bytes_written();
  s.end_time_s = end_s;
  s.kpis = std::move(row);
  return s;
}
}  // namespace

namespace {

// Where in a place or on a link a person is drawn (docs/formats.md, "Positions"). Each person
// has fixed offsets from low-discrepancy sequences; person 0 stands on centres and centre lines.
constexpr double kLateralAlpha = 0.6180339887498949;  // golden ratio − 1
constexpr double kNodeAlphaX = 0.7548776662466927;    // R2 sequence (1/plastic number)
constexpr double kNodeAlphaY = 0.5698402909980532;    // ... its square
constexpr double kBackAlpha = 0.4142135623730950;     // √2 − 1
constexpr float kLateralShare = 0.5f;   // of the link's width, centred
constexpr float kNodeSpread = 0.6f;     // side of the square people stand in, × √area
constexpr float kWallMargin_m = 0.4f;   // ... kept this far inside their building's outline box
constexpr float kNodeSpreadMax_m = 40.0f;
constexpr float kBlockedBack = 0.3f;    // people waiting at a link's end stand in its last 30 %

std::string clock_text(double clock_s) {
  const auto s = static_cast<long>(std::floor(std::fmod(clock_s, 86400.0) + 0.5));
  return fmt::format("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60);
}

trace::Vec3f midpoint(const trace::Scene& s, const trace::Link& l) { return trace::link_point(s, l, 0.5f, 0.0f); }

}  // namespace

TraceRecorder::TraceRecorder(trace::Scene scene, trace::Meta meta, std::filesystem::path path)
    : scene_(std::move(scene)), meta_(std::move(meta)), path_(std::move(path)) {
  DT_ASSERT(meta_.frame_interval_s > 0, "trace frame interval must be > 0");
}

TraceRecorder::~TraceRecorder() {
  try {
    close();
  } catch (const std::exception&) {  // close() reports errors; a destructor cannot
  }
}

void TraceRecorder::residents(const Population& population) {
  info_.assign(population.crowd.size(), trace::PersonInfo{});
  for (std::size_t p = 0; p < info_.size() && p < population.cls.size(); ++p)
    info_[p].cls = static_cast<trace::PersonClass>(population.cls[p]);
}

void TraceRecorder::alerted(std::span<const double> alarm_s) { alert_s_.assign(alarm_s.begin(), alarm_s.end()); }

void TraceRecorder::staff(const StaffPlan& plan) { plan_ = plan; }

void TraceRecorder::start(const Crowd& crowd, const NetworkTimeline* timeline) {
  const std::size_t n = crowd.size();
  crowd_ = static_cast<uint32_t>(n);
  if (info_.size() != n) info_.assign(n, trace::PersonInfo{});
  for (uint32_t g = 0; g < plan_.guards; ++g) info_.push_back({trace::PersonKind::Staff, trace::PersonClass::Unknown});
  where_.assign(n, Where{});
  for (std::size_t p = 0; p < n; ++p) where_[p].node = crowd.start_node[p].value;
  queued_.assign(scene_.nodes.size(), 0);
  load_.assign(scene_.links.size(), 0);
  rescue_.assign(n, trace::kNone);
  for (std::size_t i = 0; i < plan_.residents.size(); ++i)
    if (plan_.residents[i] < n) rescue_[plan_.residents[i]] = static_cast<uint32_t>(i);
  cursor_.assign(plan_.guards, plan_.moves.size());
  for (std::size_t m = plan_.moves.size(); m-- > 0;)
    if (plan_.moves[m].guard < plan_.guards) cursor_[plan_.moves[m].guard] = m;
  first_leg_ = cursor_;
  assembly_.clear();
  for (const trace::NodeKind k : {trace::NodeKind::AssemblyPoint, trace::NodeKind::Outdoor})
    if (assembly_.empty())
      for (uint32_t i = 0; i < scene_.nodes.size(); ++i)
        if (scene_.nodes[i].kind == k) assembly_.push_back(i);
  route_legs();
  inside_.clear();
  for (const trace::Building& b : scene_.buildings) {
    Box box{std::numeric_limits<float>::max(), std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
            -std::numeric_limits<float>::max()};
    for (const trace::Vec2f& q : b.outline) {
      box.x0 = std::min(box.x0, q.x + kWallMargin_m);
      box.y0 = std::min(box.y0, q.y + kWallMargin_m);
      box.x1 = std::max(box.x1, q.x - kWallMargin_m);
      box.y1 = std::max(box.y1, q.y - kWallMargin_m);
    }
    inside_.push_back(box);
  }
  pos_.resize(n + plan_.guards);
  state_.resize(n + plan_.guards);
  stale_.assign(n, 1);

  if (timeline) {
    for (const NetworkChange& c : timeline->changes) {
      trace::Event e;
      e.t_s = c.time_s;
      e.subject = c.target;
      const bool link = c.kind == NetworkChangeKind::CloseLink || c.kind == NetworkChangeKind::OpenLink;
      if (link && c.target >= scene_.links.size()) continue;
      if (!link && c.target >= scene_.nodes.size()) continue;
      const bool closed = c.kind == NetworkChangeKind::CloseLink || c.kind == NetworkChangeKind::CloseNode;
      e.kind = link ? trace::EventKind::LinkBlocked : trace::EventKind::NodeHazard;
      e.value = closed ? 1.0f : 0.0f;
      e.position = link ? midpoint(scene_, scene_.links[c.target]) : scene_.nodes[c.target].position;
      e.text = (link ? scene_.links[c.target].label : scene_.nodes[c.target].label) + (closed ? " closed" : " open again");
      pending_.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < timeline->smoke_arrival_s.size() && i < scene_.nodes.size(); ++i) {
      const double t = timeline->smoke_arrival_s[i];
      if (!std::isfinite(t)) continue;
      trace::Event e;
      e.t_s = t;
      e.kind = trace::EventKind::NodeHazard;
      e.subject = static_cast<uint32_t>(i);
      e.position = scene_.nodes[i].position;
      e.value = 1.0f;
      e.text = "smoke in " + scene_.nodes[i].label;
      pending_.push_back(std::move(e));
    }
  }
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const trace::Event& a, const trace::Event& b) { return a.t_s < b.t_s; });
  writer_ = std::make_unique<trace::TraceWriter>(path_, meta_, scene_, info_);
}

void TraceRecorder::event(const ReplicationEvent& r) {
  trace::Event e;
  e.t_s = r.t_s;
  e.text = r.text;
  e.subject = r.index;
  if (r.node.valid() && r.node.index() < scene_.nodes.size()) e.position = scene_.nodes[r.node.index()].position;
  if (!std::isnan(r.z_m)) e.position.z = static_cast<float>(r.z_m);  // a stopped car: where it stopped
  switch (r.kind) {
    case ReplicationEvent::Kind::Alarm:
      e.kind = trace::EventKind::Alarm;
      e.subject = r.node.valid() ? r.node.value : trace::kNone;
      break;
    case ReplicationEvent::Kind::Fire: e.kind = trace::EventKind::Incident; break;
    case ReplicationEvent::Kind::SensorSignal: e.kind = trace::EventKind::SensorAlarm; break;
    case ReplicationEvent::Kind::ElevatorRecalled: e.kind = trace::EventKind::ElevatorRecalled; break;
    case ReplicationEvent::Kind::ElevatorStopped: e.kind = trace::EventKind::ElevatorStopped; break;
    case ReplicationEvent::Kind::Entrapment: e.kind = trace::EventKind::Entrapment; break;
    case ReplicationEvent::Kind::RescuerOnSite: e.kind = trace::EventKind::RescuerOnSite; break;
    case ReplicationEvent::Kind::EntrapmentReleased: e.kind = trace::EventKind::EntrapmentReleased; break;
    case ReplicationEvent::Kind::PowerCut: e.kind = trace::EventKind::PowerCut; break;
    case ReplicationEvent::Kind::PowerRestored: e.kind = trace::EventKind::PowerRestored; break;
    case ReplicationEvent::Kind::Flooded: e.kind = trace::EventKind::Flooded; break;
    case ReplicationEvent::Kind::StaffAlerted: e.kind = trace::EventKind::StaffAlerted; break;
    case ReplicationEvent::Kind::Rescued: e.kind = trace::EventKind::Rescued; break;
  }
  e.value = static_cast<float>(r.value);
  add_event(std::move(e));
}

void TraceRecorder::add_event(trace::Event e) {
  const auto at = std::upper_bound(pending_.begin() + static_cast<std::ptrdiff_t>(next_event_), pending_.end(), e.t_s,
                                   [](double t, const trace::Event& x) { return t < x.t_s; });
  pending_.insert(at, std::move(e));
}

void TraceRecorder::set_link(uint32_t p, uint32_t link) {
  Where& w = where_[p];
  if (w.on_link != trace::kNone) --load_[w.on_link];
  w.on_link = link;
  if (link != trace::kNone) ++load_[link];
}

void TraceRecorder::set_queue(uint32_t p, uint32_t node) {
  Where& w = where_[p];
  if (w.queued_at != trace::kNone) --queued_[w.queued_at];
  w.queued_at = node;
  if (node != trace::kNone) ++queued_[node];
}

void TraceRecorder::step(const MovementStep& s) {
  DT_ASSERT(writer_ != nullptr, "step before start");
  flush_until(s.t_s, false);
  const uint32_t p = s.person;
  Where& w = where_[p];
  stale_[p] = 1;
  using K = MovementStep::Kind;
  switch (s.kind) {
    case K::Waiting:
    case K::AwaitingAssistance:
    case K::Stranded:
      w.state = s.kind == K::Waiting              ? trace::PersonState::Waiting
                : s.kind == K::AwaitingAssistance ? trace::PersonState::AwaitingAssistance
                                                  : trace::PersonState::Stranded;
      w.node = s.node.value;
      w.blocked = false;
      set_queue(p, trace::kNone);
      set_link(p, trace::kNone);
      break;
    case K::Queuing:
      w.state = trace::PersonState::Queuing;
      w.node = s.node.value;
      w.blocked = false;
      set_queue(p, s.node.value);
      set_link(p, trace::kNone);
      break;
    case K::EnterLink:
      w.state = trace::PersonState::Moving;
      w.node = s.node.value;
      w.link = s.link.value;
      w.dir = s.dir;
      w.t0_s = s.t_s;
      w.t1_s = s.until_s;
      w.blocked = false;
      set_queue(p, trace::kNone);
      set_link(p, s.link.value);
      break;
    case K::Blocked:
      w.state = trace::PersonState::Queuing;
      w.blocked = true;
      set_queue(p, s.node.value);
      break;
    case K::Safe:
      if (w.state != trace::PersonState::Safe) ++safe_;
      w.state = trace::PersonState::Safe;
      w.node = s.node.value;
      w.blocked = false;
      set_queue(p, trace::kNone);
      set_link(p, trace::kNone);
      break;
  }
}

void TraceRecorder::flush_until(double t_s, bool inclusive) {
  for (;;) {
    const double ft = next_frame_ * meta_.frame_interval_s;
    if (inclusive ? ft > t_s : ft >= t_s) break;
    write_frame(next_frame_++);
  }
}

trace::Vec3f TraceRecorder::position(uint32_t p, double t_s) const {
  const Where& w = where_[p];
  const bool on_link = w.state == trace::PersonState::Moving || w.state == trace::PersonState::Assisted || w.blocked;
  if (on_link) {
    const trace::Link& l = scene_.links[w.link];
    float f = 1.0f;
    if (w.blocked)
      f = 1.0f - kBlockedBack * trace::spread(p, kBackAlpha);
    else if (w.t1_s > w.t0_s)
      f = static_cast<float>(std::clamp((t_s - w.t0_s) / (w.t1_s - w.t0_s), 0.0, 1.0));
    const float u = w.dir == 0 ? f : 1.0f - f;
    const float lateral = (trace::spread(p, kLateralAlpha) - 0.5f) * kLateralShare * l.width_m;
    return trace::link_point(scene_, l, u, lateral);
  }
  const trace::Node& n = scene_.nodes[w.node];
  const float side = std::min(kNodeSpread * std::sqrt(std::max(n.area_m2, 0.0f)), kNodeSpreadMax_m);
  trace::Vec3f at{n.position.x + (trace::spread(p, kNodeAlphaX) - 0.5f) * side,
                  n.position.y + (trace::spread(p, kNodeAlphaY) - 0.5f) * side, n.position.z};
  if (n.building >= 0 && static_cast<std::size_t>(n.building) < inside_.size()) {
    const Box& b = inside_[static_cast<std::size_t>(n.building)];
    if (b.x0 <= b.x1 && b.y0 <= b.y1) {
      at.x = std::clamp(at.x, b.x0, b.x1);
      at.y = std::clamp(at.y, b.y0, b.y1);
    }
  }
  return at;
}

void TraceRecorder::write_frame(uint32_t k) {
  const double t = k * meta_.frame_interval_s;
  while (next_event_ < pending_.size() && pending_[next_event_].t_s <= t) writer_->event(pending_[next_event_++]);
  for (uint32_t p = 0; p < where_.size(); ++p) {
    const trace::PersonState s = where_[p].state;
    // Only walkers move between changes: everybody else keeps the position of his last change.
    if (stale_[p] || s == trace::PersonState::Moving || s == trace::PersonState::Assisted) {
      pos_[p] = position(p, t);
      stale_[p] = 0;
    }
    state_[p] = s;
    if (s == trace::PersonState::Waiting && !alert_s_.empty() && t < alert_s_[p]) state_[p] = trace::PersonState::NotAlerted;
  }
  trace::Figures f;
  f.safe = safe_;
  if (!plan_.moves.empty() || plan_.guards > 0) {
    staff_frame(t);
    for (std::size_t i = 0; i < plan_.residents.size(); ++i)
      f.safe += plan_.safe_s[i] <= t && state_[plan_.residents[i]] == trace::PersonState::Safe ? 1u : 0u;
  }
  on_link_.clear();
  for (uint32_t i = 0; i < load_.size(); ++i)
    if (load_[i] > 0) on_link_.push_back({i, load_[i]});
  queuing_.clear();
  for (uint32_t i = 0; i < queued_.size(); ++i)
    if (queued_[i] > 0) queuing_.push_back({i, queued_[i]});
  for (uint32_t i = 0; i < queued_.size(); ++i)
    if (queued_[i] > f.largest_queue) {
      f.largest_queue = queued_[i];
      f.queue_node = i;
    }
  writer_->frame(k, pos_, state_, f, on_link_, queuing_);
}

uint32_t TraceRecorder::place_node(NodeId n, NodeId near) const {
  if (n.valid() && n.index() < scene_.nodes.size()) return n.value;
  // "A safe place": the assembly point nearest (on the ground plan) to where he comes from.
  const trace::Vec3f from = near.valid() && near.index() < scene_.nodes.size() ? scene_.nodes[near.index()].position : trace::Vec3f{};
  uint32_t best = trace::kNone;
  float d_best = std::numeric_limits<float>::max();
  for (const uint32_t a : assembly_) {
    const trace::Vec3f q = scene_.nodes[a].position;
    const float d = (q.x - from.x) * (q.x - from.x) + (q.y - from.y) * (q.y - from.y);
    if (d < d_best) {
      d_best = d;
      best = a;
    }
  }
  return best;
}

trace::Vec3f TraceRecorder::place(NodeId n, NodeId near) const {
  const uint32_t i = place_node(n, near);
  if (i != trace::kNone) return scene_.nodes[i].position;
  return near.valid() && near.index() < scene_.nodes.size() ? scene_.nodes[near.index()].position : trace::Vec3f{};
}

// Each leg of the staff plan along the network: the shortest route by walking length between its
// places (Dijkstra over the scene's links, ties broken by node index), lift links only on the legs
// that ride a fire lift (where stairs count three times their length, so that the ride is taken),
// stairs along their dog-leg. Computed once, before the first frame; a leg with no route is drawn
// straight.
void TraceRecorder::route_legs() {
  const auto& moves = plan_.moves;
  leg_at_.assign(1, 0);
  leg_points_.clear();
  leg_dist_.clear();
  if (moves.empty()) return;
  const std::size_t nn = scene_.nodes.size();
  std::vector<uint32_t> first(nn + 1, 0), adj;  // CSR: links at each node
  for (const trace::Link& l : scene_.links) {
    if (l.a < nn) ++first[l.a + 1];
    if (l.b < nn) ++first[l.b + 1];
  }
  for (std::size_t i = 0; i < nn; ++i) first[i + 1] += first[i];
  adj.resize(first[nn]);
  {
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (uint32_t li = 0; li < scene_.links.size(); ++li) {
      const trace::Link& l = scene_.links[li];
      if (l.a < nn) adj[fill[l.a]++] = li;
      if (l.b < nn) adj[fill[l.b]++] = li;
    }
  }
  std::vector<double> dist(nn);
  std::vector<uint32_t> via(nn);
  std::vector<uint32_t> path;
  using Item = std::pair<double, uint32_t>;
  for (const StaffMove& m : moves) {
    const uint32_t a = place_node(m.from, m.to), b = place_node(m.to, m.from);
    const auto add = [&](const trace::Vec3f& p) {
      const float d = leg_points_.size() > leg_at_.back()
                          ? leg_dist_.back() + std::hypot(p.x - leg_points_.back().x, p.y - leg_points_.back().y, p.z - leg_points_.back().z)
                          : 0.0f;
      leg_points_.push_back(p);
      leg_dist_.push_back(d);
    };
    path.clear();
    if (a != trace::kNone && b != trace::kNone && a != b) {
      std::fill(dist.begin(), dist.end(), std::numeric_limits<double>::infinity());
      std::fill(via.begin(), via.end(), trace::kNone);
      std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
      dist[a] = 0;
      open.push({0.0, a});
      while (!open.empty()) {
        const auto [d, u] = open.top();
        open.pop();
        if (d > dist[u] || u == b) {
          if (u == b) break;
          continue;
        }
        for (uint32_t k = first[u]; k < first[u + 1]; ++k) {
          const trace::Link& l = scene_.links[adj[k]];
          if (l.kind == trace::LinkKind::Elevator && !m.lift) continue;
          const double w = std::max(0.01, static_cast<double>(l.length_m)) * (m.lift && l.kind == trace::LinkKind::Stair ? 3.0 : 1.0);
          const uint32_t v = l.a == u ? l.b : l.a;
          if (v < nn && d + w < dist[v]) {
            dist[v] = d + w;
            via[v] = adj[k];
            open.push({dist[v], v});
          }
        }
      }
      if (std::isfinite(dist[b]))
        for (uint32_t v = b; v != a;) {
          path.push_back(via[v]);
          const trace::Link& l = scene_.links[via[v]];
          v = l.a == v ? l.b : l.a;
        }
    }
    if (path.empty()) {
      add(place(m.from, m.to));
      add(place(m.to, m.from));
    } else {
      uint32_t at = a;
      add(scene_.nodes[a].position);
      for (std::size_t i = path.size(); i-- > 0;) {
        const trace::Link& l = scene_.links[path[i]];
        const bool forward = l.a == at;
        const int steps = l.kind == trace::LinkKind::Stair ? 4 : 1;  // the dog-leg's corners
        for (int k = 1; k <= steps; ++k) {
          const float u = static_cast<float>(k) / static_cast<float>(steps);
          add(trace::link_point(scene_, l, forward ? u : 1.0f - u, 0.0f));
        }
        at = forward ? l.b : l.a;
      }
    }
    leg_at_.push_back(static_cast<uint32_t>(leg_points_.size()));
  }
}

trace::Vec3f TraceRecorder::on_leg(std::size_t move, double t_s) const {
  const StaffMove& m = plan_.moves[move];
  const double span = m.until_s - m.from_s;
  const double f = span > 0 ? std::clamp((t_s - m.from_s) / span, 0.0, 1.0) : 1.0;
  const auto begin = leg_dist_.begin() + leg_at_[move], end = leg_dist_.begin() + leg_at_[move + 1];
  if (begin == end) return place(m.to, m.from);
  const auto walked = static_cast<float>(f * static_cast<double>(*(end - 1)));
  const auto it = std::upper_bound(begin, end, walked);  // the first point beyond
  if (it == end) return leg_points_[leg_at_[move + 1] - 1];
  if (it == begin) return leg_points_[leg_at_[move]];
  const auto j = static_cast<std::size_t>(it - leg_dist_.begin());
  const trace::Vec3f p = leg_points_[j - 1], q = leg_points_[j];
  const float seg = leg_dist_[j] - leg_dist_[j - 1];
  const float g = seg > 0 ? (walked - leg_dist_[j - 1]) / seg : 1.0f;
  return {p.x + (q.x - p.x) * g, p.y + (q.y - p.y) * g, p.z + (q.z - p.z) * g};
}

// Staff walk each leg along its route (route_legs), at an even pace over the leg's time (the
// assistance model gives the times); an assisted resident goes with the guard who fetches him,
// 0.6 m beside him, and is safe at his rescue time.
void TraceRecorder::staff_frame(double t_s) {
  const auto& moves = plan_.moves;
  for (uint32_t g = 0; g < plan_.guards; ++g) {
    std::size_t& c = cursor_[g];
    while (c < moves.size() && moves[c].guard == g && moves[c].until_s <= t_s) ++c;
    const uint32_t p = crowd_ + g;
    const bool on = c < moves.size() && moves[c].guard == g && moves[c].from_s <= t_s;
    if (on) {
      const StaffMove& m = moves[c];
      pos_[p] = on_leg(c, t_s);
      state_[p] = m.resident != trace::kNone ? trace::PersonState::Assisted : trace::PersonState::Moving;
      if (m.resident < crowd_) {
        pos_[m.resident] = {pos_[p].x + 0.6f, pos_[p].y, pos_[p].z};
        state_[m.resident] = trace::PersonState::Assisted;
      }
      continue;
    }
    // Idle: where his last leg ended, else at the post (a roster member: where the alert found him).
    const bool started = c > first_leg_[g] && c - 1 < moves.size() && moves[c - 1].guard == g;
    const NodeId home = g < plan_.start.size() ? plan_.start[g] : plan_.post;
    pos_[p] = started ? place(moves[c - 1].to, moves[c - 1].from) : place(home, home);
    state_[p] = t_s < plan_.alerted_s ? trace::PersonState::NotAlerted : trace::PersonState::Waiting;
  }
  for (std::size_t i = 0; i < plan_.residents.size(); ++i) {
    const uint32_t r = plan_.residents[i];
    if (r >= crowd_ || !(plan_.safe_s[i] <= t_s)) continue;
    // Safe: at the end of his last leg.
    for (std::size_t m = moves.size(); m-- > 0;)
      if (moves[m].resident == r) {
        pos_[r] = place(moves[m].to, moves[m].from);
        pos_[r].x -= 0.6f;
        break;
      }
    state_[r] = trace::PersonState::Safe;
  }
}

void TraceRecorder::finish(double end_s) {
  DT_ASSERT(writer_ != nullptr, "finish before start");
  end_s_ = end_s;
  // Frames up to the first at or after the end (or the last rescue by staff, which may come after
  // the crowd stopped), so the last frame shows the final state.
  double until = end_s;
  for (const double t : plan_.safe_s)
    if (std::isfinite(t)) until = std::max(until, t);
  const double last = std::ceil(until / meta_.frame_interval_s - 1e-9);
  flush_until(std::max(0.0, last) * meta_.frame_interval_s, true);
}

void TraceRecorder::close() {
  if (closed_ || !writer_) return;
  closed_ = true;
  while (next_event_ < pending_.size()) writer_->event(pending_[next_event_++]);
  double end = end_s_;
  for (const double t : plan_.safe_s)
    if (std::isfinite(t)) end = std::max(end, t);
  writer_->finish(end);
}

TraceSummary TraceRecorder::summary() const {
  TraceSummary s;
  s.people = crowd_;
  s.staff = info_.size() > crowd_ ? static_cast<uint32_t>(info_.size() - crowd_) : 0u;
  s.frame_interval_s = meta_.frame_interval_s;
  s.frames = writer_ ? writer_->frames_written() : 0;
  s.bytes = writer_ ? writer_->bytes_written() : 0;
  s.end_time_s = end_s_;
  return s;
}

TraceSummary record_trace(const ScenarioConfig& scenario, const TraceOptions& options,
                          const std::filesystem::path& path) {
  return record_trace(build_site(scenario), scenario, options, path);
}

TraceSummary record_trace(const Site& site, const ScenarioConfig& scenario, const TraceOptions& options,
                          const std::filesystem::path& path) {
  if (!scenario.evacuation && site.dispatch && site.layout && site.network)
    return record_dispatch_trace(site, scenario, options, path);
  if (!scenario.evacuation || !site.evacuation)
    throw InputError(SourcePos{scenario.source_file, 0, 0},
                     say(kTraceNeedsEvacuation));
  const EvacuationConfig& ev = *site.evacuation;
  // The scene is drawn from the site's own layout and network: the crowd moves on that network,
  // node for node.
  trace::Scene scene = site.layout ? make_scene(*site.layout, *site.network)
                                   : make_scene(site.evacuation_network->graph(), site.evacuation_network->building_names());

  trace::Meta meta;
  meta.drilltwin_version = DRILLTWIN_VERSION;
  meta.scenario = scenario.name;
  meta.seed = scenario.run.seed;
  meta.replication = options.replication;
  meta.frame_interval_s = options.interval_s;
  meta.start_clock_s = ev.alarm_clock_s;
  meta.keyframe_every = options.keyframe_every;
  TraceRecorder recorder(std::move(scene), meta, path);
  if (!scenario.emergency) {  // a plain evacuation: t = 0 is the alarm (else detection reports it)
    trace::Event alarm;
    alarm.kind = trace::EventKind::Alarm;
    alarm.text = "alarm at " + clock_text(meta.start_clock_s);
    recorder.add_event(std::move(alarm));
  }
  std::vector<double> row(kpi_definitions(site, scenario).size());
  run_replication(site, scenario, options.replication, row, nullptr, &recorder);
  recorder.close();
  TraceSummary s = recorder.summary();
  s.kpis = std::move(row);
  return s;
}

}  // namespace dt
