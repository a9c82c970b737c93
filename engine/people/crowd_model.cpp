#include "engine/people/crowd_model.h"

#include <algorithm>
#include <cmath>

#include "engine/kernel/event_queue.h"
#include "engine/people/movement_observer.h"

namespace dt {

void Crowd::reserve(std::size_t n) {
  start_node.reserve(n);
  start_link.reserve(n);
  ready_s.reserve(n);
  speed_level_mps.reserve(n);
  speed_down_mps.reserve(n);
  speed_up_mps.reserve(n);
}

void Crowd::clear() noexcept {
  start_node.clear();
  start_link.clear();
  ready_s.clear();
  speed_level_mps.clear();
  speed_down_mps.clear();
  speed_up_mps.clear();
  route_class.clear();
}

uint32_t Crowd::add(NodeId node, double ready, double level_mps, double down_mps, double up_mps, LinkId on_link) {
  DT_ASSERT(level_mps > 0 && down_mps > 0 && up_mps > 0, "free speeds must be > 0");
  start_node.push_back(node);
  start_link.push_back(on_link);
  ready_s.push_back(ready);
  speed_level_mps.push_back(level_mps);
  speed_down_mps.push_back(down_mps);
  speed_up_mps.push_back(up_mps);
  return static_cast<uint32_t>(start_node.size() - 1);
}

uint32_t MovementResult::not_yet_safe_at(double t_s) const {
  uint32_t n = 0;
  for (const double t : safe_time_s) n += t <= t_s ? 1u : 0u;
  return people - n;
}

std::vector<double> MovementResult::sorted_safe_times() const {
  std::vector<double> t;
  t.reserve(safe);
  for (const double s : safe_time_s)
    if (!std::isnan(s)) t.push_back(s);
  std::sort(t.begin(), t.end());
  return t;
}

namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

enum EventKind : uint32_t { kReady = 0, kArrive = 1, kToken = 2, kChange = 3 };
enum State : uint8_t { kWaiting, kInNode, kOnLink, kBlocked, kSafe };

struct Fifo {
  uint32_t head = kNone;
  uint32_t tail = kNone;
  [[nodiscard]] bool empty() const noexcept { return head == kNone; }
};

struct LinkState {
  double next_free_s = -std::numeric_limits<double>::infinity();
  double last_arrival_s[2] = {0.0, 0.0};
  uint32_t occupancy = 0;
  Fifo entry[2];  // waiting in the node before the link, per direction
  Fifo exit[2];   // arrived at the far end, waiting for room in the next node
  uint8_t last_dir = 1;
  bool token_pending = false;
  bool in_admit = false;
};

struct NodeState {
  uint32_t count = 0;
  uint32_t blocked = 0;  // people waiting at the ends of links into this node
  uint32_t rr = 0;       // rotation cursor over the node's links (merging)
  bool in_freed = false;
};

class CrowdSimulation {
 public:
  CrowdSimulation(const EvacuationNetwork& net, const Crowd& crowd, MovementAudit* audit,
                  const NetworkTimeline* timeline = nullptr, MovementObserver* observer = nullptr,
                  double queue_curve_step_s = 0.0)
      : net_(net), g_(net.graph()), crowd_(crowd), audit_(audit), timeline_(timeline), routes_(&net.routes()),
        observer_(observer), curve_step_s_(queue_curve_step_s) {}

  MovementResult run(double max_time_s) {
    init(max_time_s);
    running_ = true;
    sched_.run(*this, max_time_s);
    if (observer_) observer_->finish(now());
    return finish();
  }

  void handle(const Event& ev, Scheduler&) {
    switch (ev.kind) {
      case kReady: request_link(ev.target, where_[ev.target]); break;
      case kArrive: arrive(ev.target); break;
      case kToken:
        links_[ev.target].token_pending = false;
        admit_link(ev.target);
        break;
      case kChange: apply_changes(ev.target); break;
      default: DT_ASSERT(false, "unknown event kind");
    }
    if (audit_) check();
  }

 private:
  [[nodiscard]] double now() const noexcept { return sched_.now(); }

  void init(double max_time_s) {
    if (observer_) observer_->start(crowd_, timeline_);
    const std::size_t n = crowd_.size();
    state_.assign(n, kWaiting);
    where_.assign(n, 0);
    dir_.assign(n, 0);
    next_.assign(n, kNone);
    home_building_.resize(n);
    home_floor_.resize(n);
    nodes_.assign(g_.node_count(), NodeState{});
    links_.assign(g_.link_count(), LinkState{});
    sent_.assign(routes_->next_link.size(), 0);
    classes_ = !crowd_.route_class.empty();
    if (classes_) {
      DT_ASSERT(crowd_.route_class.size() == n, "one route class per person");
      const std::size_t k = net_.route_class_count();
      class_used_.assign(k, 0);
      class_inside_.assign(k, 0);
      for (const uint16_t c : crowd_.route_class) {
        DT_ASSERT(c < k, "route class out of range");
        class_used_[c] = 1;
        ++class_inside_[c];
      }
      class_routes_.resize(k);
      class_sent_.resize(k);
      dynamic_class_routes_.resize(k);
      for (uint16_t c = 1; c < k; ++c) {
        class_routes_[c] = &net_.class_routes(c);
        class_sent_[c].assign(class_used_[c] ? class_routes_[c]->next_link.size() : 0, 0);
      }
      fell_back_.assign(n, 0);
    }
    stair_queue_.assign(net_.stair_names().size(), 0);
    queued_since_.assign(n, MovementResult::kNaN);
    queue_place_.assign(n, -1);
    const std::size_t n_stairs = net_.stair_names().size();
    const std::size_t n_places = n_stairs + net_.exits().size();
    place_of_.assign(2 * g_.link_count(), -1);
    for (std::size_t l = 0; l < g_.link_count(); ++l) {
      const LinkMovement& m = net_.link(LinkId(static_cast<uint32_t>(l)));
      for (int dir = 0; dir < 2; ++dir)
        place_of_[2 * l + dir] = m.stair_group[dir] >= 0 ? m.stair_group[dir]
                                 : m.exit_index >= 0     ? static_cast<int32_t>(n_stairs) + m.exit_index
                                                         : -1;
    }
    place_count_.assign(n_places, 0);
    place_busy_since_.assign(n_places, 0.0);
    result_.queue_s.assign(n, 0.0);
    result_.places.assign(n_places, MovementResult::PlaceQueue{});
    result_.queue_curve_step_s = curve_step_s_;
    if (curve_step_s_ > 0) {
      curve_bins_ = static_cast<std::size_t>(std::ceil(std::max(0.0, max_time_s) / curve_step_s_)) + 1;
      for (MovementResult::PlaceQueue& q : result_.places) {
        q.curve_peak.assign(curve_bins_, 0);
        q.curve_wait_sum_s.assign(curve_bins_, 0.0);
        q.curve_wait_count.assign(curve_bins_, 0);
      }
    }
    result_.people = static_cast<uint32_t>(n);
    result_.safe_time_s.assign(n, MovementResult::kNaN);
    result_.left_floor_s.assign(n, MovementResult::kNaN);
    result_.left_building_s.assign(n, MovementResult::kNaN);
    result_.stair_peak_queue.assign(net_.stair_names().size(), 0);
    result_.link_passages.assign(g_.link_count(), 0);
    exit_crossings_.clear();
    exit_crossings_.reserve(n);
    sched_.reset();
    sched_.queue().reserve(n + 64);

    std::vector<uint32_t> on_links;
    for (uint32_t p = 0; p < n; ++p) {
      const NodeId start = crowd_.start_node[p];
      const NavNode& node = g_.node(start);
      home_building_[p] = node.building;
      home_floor_[p] = node.floor;
      if (crowd_.start_link[p].valid()) {
        const uint32_t l = crowd_.start_link[p].value;
        const NavLink& link = g_.link(crowd_.start_link[p]);
        DT_ASSERT(link.a == start || link.b == start, "start_link does not touch start_node");
        ++links_[l].occupancy;
        ++on_links_;
        where_[p] = l;
        dir_[p] = link.a == start ? 0 : 1;
        state_[p] = kOnLink;
        on_links.push_back(p);
        continue;
      }
      if (net_.safe(start)) {
        mark_safe(p);
        if (observer_) report(MovementStep::Kind::Safe, p, start.value);
        continue;
      }
      ++nodes_[start.index()].count;
      ++in_nodes_;
      where_[p] = start.value;
      if (std::isfinite(crowd_.ready_s[p])) {
        sched_.at(std::max(0.0, crowd_.ready_s[p]), kReady, p);
        if (observer_) report(MovementStep::Kind::Waiting, p, start.value);
      } else {
        ++result_.awaiting_assistance;
        state_[p] = kInNode;
        if (observer_) report(MovementStep::Kind::AwaitingAssistance, p, start.value);
      }
    }
    // People who stand on a link at the start all see the link's initial density.
    for (const uint32_t p : on_links) schedule_arrival(p, where_[p], dir_[p]);
    if (timeline_ && !timeline_->changes.empty()) {
      closed_link_.assign(g_.link_count(), 0);
      closed_node_.assign(g_.node_count(), 0);
      sched_.at(std::max(0.0, timeline_->changes.front().time_s), kChange, 0);
    }
  }

  // --- a changing network (engine/world/network_timeline.h) ------------------------------------

  // Applies every change at the time of change `first`, recomputes the routes, and lets people
  // queued for a link that is closed or no longer on a route choose again.
  void apply_changes(uint32_t first) {
    const std::vector<NetworkChange>& ch = timeline_->changes;
    const double t = ch[first].time_s;
    std::size_t k = first;
    for (; k < ch.size() && ch[k].time_s <= t; ++k) {
      const NetworkChange& c = ch[k];
      switch (c.kind) {
        case NetworkChangeKind::CloseLink: closed_link_[c.target] = 1; break;
        case NetworkChangeKind::OpenLink: closed_link_[c.target] = 0; break;
        case NetworkChangeKind::CloseNode: closed_node_[c.target] = 1; break;
        case NetworkChangeKind::OpenNode: closed_node_[c.target] = 0; break;
      }
    }
    if (k < ch.size()) sched_.at(std::max(now(), ch[k].time_s), kChange, static_cast<uint32_t>(k));
    dynamic_routes_ = net_.routes_with(closed_link_, closed_node_);
    routes_ = &dynamic_routes_;
    sent_.assign(routes_->next_link.size(), 0);
    ++result_.route_rebuilds;
    if (classes_)
      for (uint16_t c = 1; c < class_routes_.size(); ++c) {
        if (class_inside_[c] == 0) continue;  // all its members are out of its building: never asked again
        dynamic_class_routes_[c] = net_.class_routes_with(c, closed_link_, closed_node_, dynamic_routes_);
        class_routes_[c] = &dynamic_class_routes_[c];
        class_sent_[c].assign(class_routes_[c]->next_link.size(), 0);
      }
    // Queues for links that no longer lead to safety from where the people stand.
    std::vector<uint32_t> again;
    take_out_off_route(again);
    result_.rerouted += static_cast<uint32_t>(again.size());
    for (const uint32_t p : again) request_link(p, where_[p]);
  }

  // Takes out of every link's entry queue the people for whom the link is no longer a next link
  // of their table from where they stand, in queue order; the others keep their order.
  void take_out_off_route(std::vector<uint32_t>& again) {
    for (uint32_t l = 0; l < links_.size(); ++l)
      for (uint8_t dir = 0; dir < 2; ++dir) {
        Fifo& f = links_[l].entry[dir];
        if (f.empty()) continue;
        const NavLink& link = g_.link(LinkId(l));
        const uint32_t from = (dir == 0 ? link.a : link.b).value;
        uint32_t prev = kNone;
        for (uint32_t p = f.head; p != kNone;) {
          const uint32_t after = next_[p];
          const RouteTable& r = table_for(p, from);
          bool on_route = false;
          for (uint32_t c = r.offsets[from]; c < r.offsets[from + 1]; ++c) on_route = on_route || r.next_link[c].value == l;
          if (on_route) {
            prev = p;
          } else {  // unlink p, keeping the order of those who stay
            if (prev == kNone) f.head = after;
            else next_[prev] = after;
            if (f.tail == p) f.tail = prev;
            again.push_back(p);
            queue_changed(l, dir, -1, p);
          }
          p = after;
        }
      }
  }

  // The table person p follows in `node`: his class's while it has a route from there.
  [[nodiscard]] const RouteTable& table_for(uint32_t p, uint32_t node) const noexcept {
    if (!classes_) return *routes_;
    const uint16_t c = crowd_.route_class[p];
    if (c == 0 || !std::isnan(result_.left_building_s[p])) return *routes_;  // once out, the ordinary routes
    const RouteTable& t = *class_routes_[c];
    return t.offsets[node] != t.offsets[node + 1] ? t : *routes_;
  }

  MovementResult finish() {
    result_.end_time_s = now();
    for (const uint8_t f : fell_back_) result_.route_fallbacks += f;
    // Those still waiting when the run stops waited until now.
    for (uint32_t p = 0; p < queued_since_.size(); ++p)
      if (!std::isnan(queued_since_[p])) {
        const double w = now() - queued_since_[p];
        result_.queue_s[p] += w;
        if (queue_place_[p] >= 0) result_.places[queue_place_[p]].wait_person_s += w;
      }
    for (std::size_t g = 0; g < place_count_.size(); ++g)
      if (place_count_[g] > 0) {
        result_.places[g].queue_time_s += now() - place_busy_since_[g];
        result_.places[g].queue_end_s = now();
      }
    if (curve_bins_ > 0) {  // the curves end where the run ended
      const std::size_t used = std::min(curve_bins_, curve_bin(now()) + 1);
      for (MovementResult::PlaceQueue& q : result_.places) {
        q.curve_peak.resize(used);
        q.curve_wait_sum_s.resize(used);
        q.curve_wait_count.resize(used);
      }
    }
    result_.events = sched_.events_handled();
    const std::size_t n_exits = net_.exits().size();
    result_.exit_count.assign(n_exits, 0);
    result_.exit_peak_flow_pps.assign(n_exits, 0.0);
    std::vector<std::vector<double>> times(n_exits);
    for (const auto& [e, t] : exit_crossings_) times[e].push_back(t);
    const double w = net_.params().exit_flow_window_s;
    for (std::size_t e = 0; e < n_exits; ++e) {
      result_.exit_count[e] = static_cast<uint32_t>(times[e].size());
      std::size_t lo = 0, best = 0;
      for (std::size_t hi = 0; hi < times[e].size(); ++hi) {  // times are in event order: ascending
        while (times[e][hi] - times[e][lo] >= w) ++lo;
        best = std::max(best, hi - lo + 1);
      }
      result_.exit_peak_flow_pps[e] = static_cast<double>(best) / w;
    }
    return std::move(result_);
  }

  // --- route choice and link entry -------------------------------------------------------------

  void request_link(uint32_t p, uint32_t node) {
    const RouteTable& r = table_for(p, node);
    std::vector<uint32_t>& sent = &r == routes_ ? sent_ : class_sent_[crowd_.route_class[p]];
    const uint32_t begin = r.offsets[node], end = r.offsets[node + 1];
    state_[p] = kInNode;
    if (classes_ && &r == routes_ && crowd_.route_class[p] != 0 && begin != end &&
        g_.node(NodeId(node)).building == net_.route_class_building(crowd_.route_class[p]))
      fell_back_[p] = 1;  // his exit or stair is out of reach from here: the shortest way instead
    if (begin == end) {
      ++result_.without_route;
      if (observer_) report(MovementStep::Kind::Stranded, p, node);
      return;
    }
    uint32_t c = begin;
    if (end - begin > 1) {
      double best = (sent[begin] + 1.0) / r.share_weight[begin];
      for (uint32_t k = begin + 1; k < end; ++k) {
        const double score = (sent[k] + 1.0) / r.share_weight[k];
        if (score < best) {
          best = score;
          c = k;
        }
      }
    }
    ++sent[c];
    const LinkId l = r.next_link[c];
    const uint8_t dir = g_.link(l).a.value == node ? 0 : 1;
    push(links_[l.index()].entry[dir], p);
    queue_changed(l.value, dir, +1, p);
    if (observer_) report(MovementStep::Kind::Queuing, p, node, l.value);
    admit_link(l.value);
  }

  void admit_link(uint32_t l) {
    LinkState& s = links_[l];
    if (s.in_admit) return;  // the outer call's loop re-checks
    s.in_admit = true;
    const LinkMovement& m = net_.link(LinkId(l));
    for (;;) {
      const bool has0 = !s.entry[0].empty(), has1 = !s.entry[1].empty();
      if (!has0 && !has1) break;
      if (s.occupancy >= m.storage) break;  // wait until someone leaves the link
      if (s.next_free_s > now()) {
        if (!s.token_pending) {
          s.token_pending = true;
          sched_.at(s.next_free_s, kToken, l);
        }
        break;
      }
      const uint8_t dir = has0 && has1 ? static_cast<uint8_t>(s.last_dir ^ 1u) : has0 ? 0 : 1;
      s.last_dir = dir;
      const uint32_t p = pop(s.entry[dir]);
      queue_changed(l, dir, -1, p);
      s.next_free_s = now() + m.headway_s;
      enter_link(p, l, dir);
    }
    s.in_admit = false;
  }

  void enter_link(uint32_t p, uint32_t l, uint8_t dir) {
    const uint32_t from = where_[p];
    --nodes_[from].count;
    --in_nodes_;
    LinkState& s = links_[l];
    if (audit_) {
      audit_->link_entries.emplace_back(l, now());
      if (s.occupancy >= net_.link(LinkId(l)).storage) ++audit_->link_admissions_over_storage;
    }
    ++s.occupancy;
    ++on_links_;
    ++result_.link_passages[l];
    where_[p] = l;
    dir_[p] = dir;
    state_[p] = kOnLink;
    schedule_arrival(p, l, dir);
    node_freed(from);
  }

  void schedule_arrival(uint32_t p, uint32_t l, uint8_t dir) {
    const LinkMovement& m = net_.link(LinkId(l));
    LinkState& s = links_[l];
    double free_mps = crowd_.speed_level_mps[p];
    if (m.down_dir >= 0) free_mps = dir == m.down_dir ? crowd_.speed_down_mps[p] : crowd_.speed_up_mps[p];
    // People let in through the entry see at most the link's storage density (the peak-flow
    // density by default): the link is throttled there, so in congestion it still discharges at
    // its capacity. A crowd placed on the link at the start walks at its actual density.
    const double cap = running_ ? net_.params().link_storage_density_ppm2 : net_.params().node_max_density_ppm2;
    const double density = m.short_link ? 0.0 : std::min(static_cast<double>(s.occupancy) / m.area_m2, cap);
    double v = std::min(free_mps, sfpe::speed_mps(m.k_mps, density));
    if (timeline_) v *= timeline_->speed_factor(g_, LinkId(l), now());  // smoke, darkness
    double arrival = now() + m.length_m / v;
    if (m.single_file) arrival = std::max(arrival, s.last_arrival_s[dir]);
    s.last_arrival_s[dir] = std::max(s.last_arrival_s[dir], arrival);
    if (observer_) {
      const NavLink& link = g_.link(LinkId(l));
      report(MovementStep::Kind::EnterLink, p, (dir == 0 ? link.a : link.b).value, l, dir, arrival);
    }
    if (arrival == now() && running_)
      arrive(p);  // a threshold of zero length: step through at once
    else
      sched_.at(arrival, kArrive, p);
  }

  // --- arrival, nodes, merging -----------------------------------------------------------------

  void arrive(uint32_t p) {
    const uint32_t l = where_[p];
    const uint8_t dir = dir_[p];
    const NavLink& link = g_.link(LinkId(l));
    const uint32_t to = (dir == 0 ? link.b : link.a).value;
    LinkState& s = links_[l];
    if (!s.exit[dir].empty() || !has_room(to)) {
      push(s.exit[dir], p);
      queue_changed(l, dir, +1, p);
      ++nodes_[to].blocked;
      state_[p] = kBlocked;
      if (observer_) report(MovementStep::Kind::Blocked, p, to, l);
      return;
    }
    move_into_node(p, l, to);
  }

  [[nodiscard]] bool has_room(uint32_t node) const noexcept {
    return net_.safe(NodeId(node)) || nodes_[node].count < net_.node_capacity(NodeId(node));
  }

  void move_into_node(uint32_t p, uint32_t l, uint32_t node) {
    --links_[l].occupancy;
    --on_links_;
    const LinkMovement& m = net_.link(LinkId(l));
    if (m.exit_index >= 0) exit_crossings_.emplace_back(static_cast<uint32_t>(m.exit_index), now());
    const NavNode& n = g_.node(NodeId(node));
    if (std::isnan(result_.left_floor_s[p]) &&
        (n.kind == NodeKind::StairLanding || n.kind == NodeKind::GroundLobby || n.building != home_building_[p] ||
         n.floor != home_floor_[p]))
      result_.left_floor_s[p] = now();
    if (std::isnan(result_.left_building_s[p]) && n.building != home_building_[p]) {
      result_.left_building_s[p] = now();
      if (classes_) --class_inside_[crowd_.route_class[p]];
    }
    const bool safe = net_.safe(NodeId(node));
    if (safe) {
      mark_safe(p);
      if (observer_) report(MovementStep::Kind::Safe, p, node);
    } else {
      NodeState& ns = nodes_[node];
      if (audit_ && ns.count >= net_.node_capacity(NodeId(node))) ++audit_->node_admissions_over_limit;
      ++ns.count;
      ++in_nodes_;
      where_[p] = node;
      state_[p] = kInNode;
    }
    admit_link(l);  // the link has room again
    if (!safe) request_link(p, node);
  }

  // Tells the observer (callers check observer_ first: one branch when not tracing).
  void report(MovementStep::Kind kind, uint32_t p, uint32_t node, uint32_t link = kNone, uint8_t dir = 0,
              double until_s = 0.0) {
    MovementStep s;
    s.kind = kind;
    s.person = p;
    s.t_s = now();
    s.node = NodeId(node);
    s.link = LinkId(link);
    s.dir = dir;
    s.until_s = until_s;
    observer_->step(s);
  }

  void mark_safe(uint32_t p) {
    state_[p] = kSafe;
    result_.safe_time_s[p] = now();
    ++result_.safe;
    result_.last_safe_s = now();
    if (audit_) audit_->curve.emplace_back(now(), result_.people - result_.safe);
  }

  void node_freed(uint32_t node) {
    NodeState& ns = nodes_[node];
    if (ns.in_freed) return;  // the outer call's loop re-checks
    ns.in_freed = true;
    const auto links = g_.links_of(NodeId(node));
    const auto deg = static_cast<uint32_t>(links.size());
    while (ns.blocked > 0 && ns.count < net_.node_capacity(NodeId(node))) {
      uint32_t l = kNone;
      uint8_t dir = 0;
      for (uint32_t k = 0; k < deg; ++k) {  // zipper: the next link in rotation with someone waiting
        const uint32_t idx = (ns.rr + k) % deg;
        const NavLink& link = g_.link(links[idx]);
        const uint8_t d = link.b.value == node ? 0 : 1;
        if (!links_[links[idx].value].exit[d].empty()) {
          l = links[idx].value;
          dir = d;
          ns.rr = idx + 1;
          break;
        }
      }
      DT_ASSERT(l != kNone, "node has blocked arrivals but no link holds them");
      const uint32_t q = pop(links_[l].exit[dir]);
      queue_changed(l, dir, -1, q);
      --ns.blocked;
      move_into_node(q, l, node);
    }
    ns.in_freed = false;
  }

  // --- bookkeeping -----------------------------------------------------------------------------

  void push(Fifo& f, uint32_t p) noexcept {
    next_[p] = kNone;
    if (f.tail == kNone)
      f.head = p;
    else
      next_[f.tail] = p;
    f.tail = p;
  }

  uint32_t pop(Fifo& f) noexcept {
    const uint32_t p = f.head;
    f.head = next_[p];
    if (f.head == kNone) f.tail = kNone;
    return p;
  }

  // Person p joined (+1) or left (−1) a queue of link l in direction dir (rule 7).
  void queue_changed(uint32_t l, uint8_t dir, int delta, uint32_t p) noexcept {
    const int32_t place = place_of_[2 * l + dir];
    double wait = 0.0;
    if (delta > 0) {
      queued_since_[p] = now();
      queue_place_[p] = place;
    } else {
      wait = now() - queued_since_[p];
      result_.queue_s[p] += wait;
      queued_since_[p] = MovementResult::kNaN;
    }
    const int32_t group = net_.link(LinkId(l)).stair_group[dir];
    if (group >= 0) {
      uint32_t& q = stair_queue_[group];
      q = static_cast<uint32_t>(static_cast<int64_t>(q) + delta);
      result_.stair_peak_queue[group] = std::max(result_.stair_peak_queue[group], q);
    }
    if (place < 0) return;
    MovementResult::PlaceQueue& pq = result_.places[place];
    uint32_t& n = place_count_[place];
    if (delta > 0) {
      if (n == 0) {
        place_busy_since_[place] = now();
        if (std::isnan(pq.first_queue_s)) pq.first_queue_s = now();
      }
      ++n;
      pq.peak = std::max(pq.peak, n);
    } else {
      --n;
      pq.wait_person_s += wait;
      if (n == 0) {
        pq.queue_time_s += now() - place_busy_since_[place];
        pq.queue_end_s = now();
      }
    }
    if (curve_bins_ > 0) {
      const std::size_t bin = curve_bin(now());
      pq.curve_peak[bin] = std::max(pq.curve_peak[bin], n);
      if (delta < 0) {
        pq.curve_wait_sum_s[bin] += wait;
        ++pq.curve_wait_count[bin];
      }
    }
  }

  [[nodiscard]] std::size_t curve_bin(double t) const noexcept {
    return std::min(curve_bins_ - 1, static_cast<std::size_t>(std::max(0.0, t) / curve_step_s_));
  }

  void check() {
    ++audit_->checks;
    uint64_t total = result_.safe;
    for (const NodeState& n : nodes_) total += n.count;
    for (const LinkState& s : links_) total += s.occupancy;
    if (total != result_.people || in_nodes_ + on_links_ + result_.safe != result_.people)
      ++audit_->conservation_failures;
  }

  const EvacuationNetwork& net_;
  const NavGraph& g_;
  const Crowd& crowd_;
  MovementAudit* audit_;
  const NetworkTimeline* timeline_;  // null: the network never changes
  const RouteTable* routes_;         // the network's routes, or dynamic_routes_ after a change
  RouteTable dynamic_routes_;
  std::vector<uint8_t> closed_link_, closed_node_;
  MovementObserver* observer_;       // null unless a trace is recorded
  Scheduler sched_;
  MovementResult result_;

  // People (struct of arrays).
  std::vector<uint8_t> state_;
  std::vector<uint32_t> where_;  // node or link index, by state
  std::vector<uint8_t> dir_;
  std::vector<uint32_t> next_;   // intrusive FIFO links
  std::vector<int32_t> home_building_;
  std::vector<int32_t> home_floor_;

  std::vector<NodeState> nodes_;
  std::vector<LinkState> links_;
  std::vector<uint32_t> sent_;  // per route candidate: people sent that way
  // Route classes (rule 5): per class its current table, its own load counts, whether anybody of
  // this crowd belongs to it; per person whether he had to leave his class's routes.
  bool classes_ = false;
  std::vector<const RouteTable*> class_routes_;
  std::vector<RouteTable> dynamic_class_routes_;
  std::vector<std::vector<uint32_t>> class_sent_;
  std::vector<uint8_t> class_used_;
  std::vector<uint32_t> class_inside_;  // per class: members not yet out of their building
  std::vector<uint8_t> fell_back_;
  std::vector<uint32_t> stair_queue_;
  // Queues (rule 7): per person since when he waits (NaN: not waiting) and where (place or −1);
  // per link and direction its place (stair core, then exits; −1: none); per place who waits now.
  std::vector<double> queued_since_;
  std::vector<int32_t> queue_place_;
  std::vector<int32_t> place_of_;
  std::vector<uint32_t> place_count_;
  std::vector<double> place_busy_since_;
  double curve_step_s_ = 0.0;
  std::size_t curve_bins_ = 0;
  std::vector<std::pair<uint32_t, double>> exit_crossings_;
  uint64_t in_nodes_ = 0;
  uint64_t on_links_ = 0;
  bool running_ = false;  // false while placing people: never step through links inline then
};

}  // namespace

MovementResult simulate_movement(const EvacuationNetwork& network, const Crowd& crowd, double max_time_s,
                                 MovementAudit* audit, MovementObserver* observer, double queue_curve_step_s) {
  CrowdSimulation sim(network, crowd, audit, nullptr, observer, queue_curve_step_s);
  return sim.run(max_time_s);
}

MovementResult simulate_movement(const EvacuationNetwork& network, const Crowd& crowd, double max_time_s,
                                 const NetworkTimeline& timeline, MovementAudit* audit, MovementObserver* observer,
                                 double queue_curve_step_s) {
  CrowdSimulation sim(network, crowd, audit, &timeline, observer, queue_curve_step_s);
  return sim.run(max_time_s);
}

}  // namespace dt
