#include "engine/output/trace.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "engine/kernel/lang.h"

namespace dt::trace {

namespace {

constexpr char kMagic[8] = {'D', 'T', 'T', 'R', 'A', 'C', 'E', '\0'};
constexpr std::size_t kHeaderBytes = 16;      // magic, u32 version, u32 flags
constexpr std::size_t kBlockHeaderBytes = 5;  // u8 type, u32 payload length
constexpr uint8_t kKeyFlag = 1;
constexpr uint8_t kMovedBit = 0x80;

DT_PHRASE(kTraceVersion, "{}: trace format version {}; this program reads versions {} to {} (a newer drilltwin wrote it: replay it with that version)",
          "{}：轨迹文件格式版本 {}；本程序只能读取版本 {} 至 {}（该文件由更新的 drilltwin 写出，请用该版本回放）");

static_assert(std::endian::native == std::endian::little, "trace.bin is little-endian; add byte swaps here");

// --- encoding --------------------------------------------------------------------------------

void put_bytes(std::vector<uint8_t>& b, const void* p, std::size_t n) {
  const auto* c = static_cast<const uint8_t*>(p);
  b.insert(b.end(), c, c + n);
}
template <class T>
void put(std::vector<uint8_t>& b, T v) {
  put_bytes(b, &v, sizeof v);
}
void put_string(std::vector<uint8_t>& b, const std::string& s) {
  const auto n = static_cast<uint16_t>(std::min<std::size_t>(s.size(), 0xFFFF));
  put(b, n);
  put_bytes(b, s.data(), n);
}
void put_varint(std::vector<uint8_t>& b, uint32_t v) {
  while (v >= 0x80) {
    b.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  b.push_back(static_cast<uint8_t>(v));
}
uint32_t zigzag(int32_t v) { return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31); }
int32_t unzigzag(uint32_t v) { return static_cast<int32_t>(v >> 1) ^ -static_cast<int32_t>(v & 1); }

int32_t quantise(float m) {
  const double q = std::nearbyint(static_cast<double>(m) / kQuantum_m);
  constexpr double lim = 1e9;  // ±10,000 km: far beyond any site
  return static_cast<int32_t>(std::clamp(q, -lim, lim));
}

// --- decoding --------------------------------------------------------------------------------

class Cursor {
 public:
  Cursor(const uint8_t* p, std::size_t n) : p_(p), end_(p + n) {}
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  std::string string() {
    const auto n = get<uint16_t>();
    need(n);
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  uint32_t varint() {
    uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      const auto byte = get<uint8_t>();
      v |= static_cast<uint32_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    throw TraceError("trace: bad varint");
  }
  /// A count that must fit in what is left, each element taking at least `min_bytes`.
  uint32_t count(std::size_t min_bytes) {
    const auto n = get<uint32_t>();
    if (static_cast<std::size_t>(end_ - p_) / std::max<std::size_t>(1, min_bytes) < n)
      throw TraceError("trace: count exceeds its block");
    return n;
  }
  [[nodiscard]] std::size_t left() const noexcept { return static_cast<std::size_t>(end_ - p_); }

 private:
  void need(std::size_t n) const {
    if (static_cast<std::size_t>(end_ - p_) < n) throw TraceError("trace: block shorter than its contents");
  }
  const uint8_t* p_;
  const uint8_t* end_;
};

std::vector<uint8_t> encode_scene(const Scene& s) {
  std::vector<uint8_t> b;
  put_string(b, s.name);
  put(b, static_cast<uint32_t>(s.site.size()));
  for (const Vec2f& p : s.site) {
    put(b, p.x);
    put(b, p.y);
  }
  put(b, static_cast<uint32_t>(s.buildings.size()));
  for (const Building& bd : s.buildings) {
    put_string(b, bd.id);
    put(b, static_cast<uint32_t>(bd.elevation_m.size()));
    for (const float e : bd.elevation_m) put(b, e);
    put(b, static_cast<uint32_t>(bd.outline.size()));
    for (const Vec2f& p : bd.outline) {
      put(b, p.x);
      put(b, p.y);
    }
    put(b, static_cast<uint32_t>(bd.elevators.size()));
    for (const ElevatorShaft& e : bd.elevators) {
      put_string(b, e.id);
      put(b, e.at.x);
      put(b, e.at.y);
      put(b, e.lowest);
      put(b, e.highest);
    }
  }
  put(b, static_cast<uint32_t>(s.nodes.size()));
  for (const Node& n : s.nodes) {  // 24 bytes each
    put(b, n.position.x);
    put(b, n.position.y);
    put(b, n.position.z);
    put(b, n.area_m2);
    put(b, n.building);
    put(b, n.floor);
    put(b, static_cast<uint8_t>(n.kind));
    put(b, uint8_t{0});
  }
  put(b, static_cast<uint32_t>(s.links.size()));
  for (const Link& l : s.links) {  // 32 bytes each
    put(b, l.a);
    put(b, l.b);
    put(b, l.width_m);
    put(b, l.length_m);
    put(b, l.building);
    put(b, l.run.x);
    put(b, l.run.y);
    put(b, static_cast<uint8_t>(l.kind));
    put(b, uint8_t{0});
    put(b, uint16_t{0});
  }
  put(b, static_cast<uint32_t>(s.sensors.size()));
  for (const Sensor& x : s.sensors) {  // 20 bytes each
    put(b, x.position.x);
    put(b, x.position.y);
    put(b, x.position.z);
    put(b, x.node);
    put(b, static_cast<uint8_t>(x.kind));
    put(b, uint8_t{0});
    put(b, uint16_t{0});
  }
  for (const Node& n : s.nodes) put_string(b, n.label);
  for (const Link& l : s.links) put_string(b, l.label);
  for (const Sensor& x : s.sensors) put_string(b, x.id);
  return b;
}

Scene decode_scene(Cursor c) {
  Scene s;
  s.name = c.string();
  s.site.resize(c.count(8));
  for (Vec2f& p : s.site) {
    p.x = c.get<float>();
    p.y = c.get<float>();
  }
  s.buildings.resize(c.count(14));
  for (Building& bd : s.buildings) {
    bd.id = c.string();
    bd.elevation_m.resize(c.count(4));
    for (float& e : bd.elevation_m) e = c.get<float>();
    bd.outline.resize(c.count(8));
    for (Vec2f& p : bd.outline) {
      p.x = c.get<float>();
      p.y = c.get<float>();
    }
    bd.elevators.resize(c.count(14));
    for (ElevatorShaft& e : bd.elevators) {
      e.id = c.string();
      e.at.x = c.get<float>();
      e.at.y = c.get<float>();
      e.lowest = c.get<int16_t>();
      e.highest = c.get<int16_t>();
    }
  }
  s.nodes.resize(c.count(24));
  for (Node& n : s.nodes) {
    n.position.x = c.get<float>();
    n.position.y = c.get<float>();
    n.position.z = c.get<float>();
    n.area_m2 = c.get<float>();
    n.building = c.get<int32_t>();
    n.floor = c.get<int16_t>();
    n.kind = static_cast<NodeKind>(c.get<uint8_t>());
    (void)c.get<uint8_t>();
  }
  s.links.resize(c.count(32));
  for (Link& l : s.links) {
    l.a = c.get<uint32_t>();
    l.b = c.get<uint32_t>();
    l.width_m = c.get<float>();
    l.length_m = c.get<float>();
    l.building = c.get<int32_t>();
    l.run.x = c.get<float>();
    l.run.y = c.get<float>();
    l.kind = static_cast<LinkKind>(c.get<uint8_t>());
    (void)c.get<uint8_t>();
    (void)c.get<uint16_t>();
    if (l.a >= s.nodes.size() || l.b >= s.nodes.size()) throw TraceError("trace: link end out of range");
  }
  s.sensors.resize(c.count(20));
  for (Sensor& x : s.sensors) {
    x.position.x = c.get<float>();
    x.position.y = c.get<float>();
    x.position.z = c.get<float>();
    x.node = c.get<uint32_t>();
    x.kind = static_cast<SensorKind>(c.get<uint8_t>());
    (void)c.get<uint8_t>();
    (void)c.get<uint16_t>();
  }
  for (Node& n : s.nodes) n.label = c.string();
  for (Link& l : s.links) l.label = c.string();
  for (Sensor& x : s.sensors) x.id = c.string();
  for (const Building& bd : s.buildings)
    if (bd.elevation_m.empty()) throw TraceError("trace: building '" + bd.id + "' without elevations");
  return s;
}

std::string meta_json(const Meta& m, std::size_t people) {
  nlohmann::ordered_json j;
  j["format"] = "drilltwin-trace";
  j["version"] = kVersion;
  j["drilltwin_version"] = m.drilltwin_version;
  j["scenario"] = m.scenario;
  j["seed"] = m.seed;
  j["replication"] = m.replication;
  j["frame_interval_s"] = m.frame_interval_s;
  j["start_clock_s"] = m.start_clock_s;
  j["keyframe_every"] = m.keyframe_every;
  j["people"] = people;
  j["position_quantum_m"] = kQuantum_m;
  return j.dump();
}

Meta parse_meta(const std::string& text) {
  Meta m;
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    m.drilltwin_version = j.value("drilltwin_version", "");
    m.scenario = j.value("scenario", "");
    m.seed = j.value("seed", uint64_t{0});
    m.replication = j.value("replication", uint64_t{0});
    m.frame_interval_s = j.value("frame_interval_s", 1.0);
    m.start_clock_s = j.value("start_clock_s", 0.0);
    m.keyframe_every = j.value("keyframe_every", 60u);
  } catch (const nlohmann::json::exception& e) {
    throw TraceError(std::string("trace: bad META block: ") + e.what());
  }
  if (!(m.frame_interval_s > 0) || m.keyframe_every == 0) throw TraceError("trace: bad frame interval in META");
  return m;
}

}  // namespace

const char* to_string(PersonState s) noexcept {
  switch (s) {
    case PersonState::Waiting: return "waiting";
    case PersonState::Moving: return "moving";
    case PersonState::Queuing: return "queuing";
    case PersonState::AwaitingAssistance: return "awaiting assistance";
    case PersonState::Assisted: return "assisted";
    case PersonState::Safe: return "safe";
    case PersonState::Stranded: return "stranded";
    case PersonState::NotAlerted: return "not yet alerted";
  }
  return "?";
}

const char* to_string(EventKind k) noexcept {
  switch (k) {
    case EventKind::Alarm: return "alarm";
    case EventKind::Incident: return "incident";
    case EventKind::IncidentCleared: return "incident cleared";
    case EventKind::NodeHazard: return "hazard";
    case EventKind::LinkBlocked: return "link blocked";
    case EventKind::SensorAlarm: return "sensor alarm";
    case EventKind::ElevatorRecalled: return "elevator recalled";
    case EventKind::ElevatorStopped: return "elevator stopped";
    case EventKind::Entrapment: return "entrapment";
    case EventKind::RescuerOnSite: return "rescuer on site";
    case EventKind::EntrapmentReleased: return "entrapment released";
    case EventKind::PowerCut: return "power cut";
    case EventKind::PowerRestored: return "power restored";
    case EventKind::Flooded: return "flooded";
    case EventKind::StaffAlerted: return "staff alerted";
    case EventKind::Rescued: return "rescued";
    case EventKind::ServiceRequest: return "service request";
    case EventKind::ServiceLate: return "service late";
  }
  return "?";
}

float spread(uint32_t i, double alpha) noexcept {
  const double v = 0.5 + static_cast<double>(i) * alpha;
  return static_cast<float>(v - std::floor(v));
}

Vec3f link_point(const Scene& scene, const Link& l, float u, float lateral_m) noexcept {
  const Vec3f& a = scene.nodes[l.a].position;
  const Vec3f& b = scene.nodes[l.b].position;
  u = std::clamp(u, 0.0f, 1.0f);
  const float run_len = std::hypot(l.run.x, l.run.y);
  if (l.kind == LinkKind::Stair && run_len > 0 && a.z != b.z) {
    const bool a_low = a.z < b.z;
    const Vec3f& lo = a_low ? a : b;
    const Vec3f& hi = a_low ? b : a;
    const float up = a_low ? u : 1.0f - u;  // fraction of the way up
    const float rx = l.run.x / run_len, ry = l.run.y / run_len;
    const float nx = -ry, ny = rx;  // left of the run direction
    const float side = l.width_m / 4;
    const float along = up <= 0.5f ? 2 * up * run_len : (2 - 2 * up) * run_len;
    const float off = (up <= 0.5f ? -side : side) + 0.5f * lateral_m;
    return {lo.x + along * rx + off * nx, lo.y + along * ry + off * ny, lo.z + up * (hi.z - lo.z)};
  }
  Vec3f p{a.x + u * (b.x - a.x), a.y + u * (b.y - a.y), a.z + u * (b.z - a.z)};
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::hypot(dx, dy);
  if (len > 1e-4f && lateral_m != 0) {
    p.x += -dy / len * lateral_m;
    p.y += dx / len * lateral_m;
  }
  return p;
}

// --- TraceWriter -------------------------------------------------------------------------------

TraceWriter::TraceWriter(const std::filesystem::path& path, const Meta& meta, const Scene& scene,
                         std::span<const PersonInfo> people)
    : path_(path), keyframe_every_(std::max<uint32_t>(1, meta.keyframe_every)) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw TraceError("cannot write " + path.string() + ": " + std::strerror(errno));
  std::vector<uint8_t> head;
  put_bytes(head, kMagic, sizeof kMagic);
  put(head, kVersion);
  put(head, uint32_t{0});
  failed_ = std::fwrite(head.data(), 1, head.size(), file_) != head.size();
  bytes_ = head.size();

  const std::string m = meta_json(meta, people.size());
  block('M', std::vector<uint8_t>(m.begin(), m.end()));
  block('S', encode_scene(scene));
  std::vector<uint8_t> p;
  put(p, static_cast<uint32_t>(people.size()));
  for (const PersonInfo& x : people) {
    put(p, static_cast<uint8_t>(x.kind));
    put(p, static_cast<uint8_t>(x.cls));
  }
  block('P', p);
  q_.assign(people.size() * 3, 0);
  state_.assign(people.size(), PersonState::Waiting);
}

TraceWriter::~TraceWriter() {
  if (file_) std::fclose(file_);
}

void TraceWriter::block(char type, const std::vector<uint8_t>& payload) {
  if (!file_) throw TraceError("trace: write after finish");
  uint8_t head[kBlockHeaderBytes];
  head[0] = static_cast<uint8_t>(type);
  const auto n = static_cast<uint32_t>(payload.size());
  std::memcpy(head + 1, &n, 4);
  failed_ = failed_ || std::fwrite(head, 1, sizeof head, file_) != sizeof head;
  failed_ = failed_ || std::fwrite(payload.data(), 1, payload.size(), file_) != payload.size();
  bytes_ += sizeof head + payload.size();
}

void TraceWriter::frame(uint32_t index, std::span<const Vec3f> position, std::span<const PersonState> state,
                        const Figures& figures, std::span<const Load> on_link, std::span<const Load> queuing) {
  const std::size_t n = state_.size();
  if (position.size() != n || state.size() != n) throw TraceError("trace: frame size differs from the people");
  const bool key = frames_ % keyframe_every_ == 0;
  buf_.clear();
  put(buf_, index);
  put(buf_, key ? kKeyFlag : uint8_t{0});
  put(buf_, figures.safe);
  put(buf_, figures.largest_queue);
  put(buf_, figures.queue_node);
  if (key) {
    for (std::size_t p = 0; p < n; ++p) {
      const int32_t x = quantise(position[p].x), y = quantise(position[p].y), z = quantise(position[p].z);
      put(buf_, static_cast<uint8_t>(state[p]));
      put_varint(buf_, zigzag(x));
      put_varint(buf_, zigzag(y));
      put_varint(buf_, zigzag(z));
      q_[3 * p] = x;
      q_[3 * p + 1] = y;
      q_[3 * p + 2] = z;
      state_[p] = state[p];
    }
  } else {
    const std::size_t count_at = buf_.size();
    put(buf_, uint32_t{0});  // changed people, patched below
    uint32_t changed = 0;
    std::size_t last = 0;
    for (std::size_t p = 0; p < n; ++p) {
      const int32_t x = quantise(position[p].x), y = quantise(position[p].y), z = quantise(position[p].z);
      const bool moved = x != q_[3 * p] || y != q_[3 * p + 1] || z != q_[3 * p + 2];
      if (!moved && state[p] == state_[p]) continue;
      put_varint(buf_, static_cast<uint32_t>(p - (changed == 0 ? 0 : last + 1)));
      put(buf_, static_cast<uint8_t>(static_cast<uint8_t>(state[p]) | (moved ? kMovedBit : 0)));
      if (moved) {
        put_varint(buf_, zigzag(x - q_[3 * p]));
        put_varint(buf_, zigzag(y - q_[3 * p + 1]));
        put_varint(buf_, zigzag(z - q_[3 * p + 2]));
        q_[3 * p] = x;
        q_[3 * p + 1] = y;
        q_[3 * p + 2] = z;
      }
      state_[p] = state[p];
      last = p;
      ++changed;
    }
    std::memcpy(buf_.data() + count_at, &changed, 4);
  }
  // Version 2: the loads, each list as a count and (index delta, people) varint pairs.
  for (const std::span<const Load> list : {on_link, queuing}) {
    put(buf_, static_cast<uint32_t>(list.size()));
    uint32_t prev = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0 && list[i].index <= prev) throw TraceError("trace: loads not in ascending order");
      put_varint(buf_, list[i].index - (i == 0 ? 0 : prev + 1));
      put_varint(buf_, list[i].people);
      prev = list[i].index;
    }
  }
  block('F', buf_);
  ++frames_;
}

void TraceWriter::event(const Event& e) {
  std::vector<uint8_t> b;
  put(b, e.t_s);
  put(b, static_cast<uint8_t>(e.kind));
  put(b, e.subject);
  put(b, e.position.x);
  put(b, e.position.y);
  put(b, e.position.z);
  put(b, e.value);
  put_string(b, e.text);
  block('E', b);
}

void TraceWriter::finish(double end_time_s) {
  std::vector<uint8_t> b;
  put(b, frames_);
  put(b, end_time_s);
  block('Z', b);
  const bool flushed = std::fflush(file_) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (failed_ || !flushed || !closed) throw TraceError("cannot write " + path_.string() + ": " + std::strerror(errno));
}

// --- Scene files --------------------------------------------------------------------------------

namespace {
constexpr char kSceneMagic[8] = {'D', 'T', 'S', 'C', 'E', 'N', 'E', '\0'};
constexpr uint32_t kSceneVersion = 1;
}  // namespace

std::string encode_scene_file(const SceneFile& file) {
  std::vector<uint8_t> b;
  put_bytes(b, kSceneMagic, sizeof kSceneMagic);
  put(b, kSceneVersion);
  put(b, uint32_t{0});
  auto block = [&b](char type, const std::vector<uint8_t>& payload) {
    b.push_back(static_cast<uint8_t>(type));
    put(b, static_cast<uint32_t>(payload.size()));
    b.insert(b.end(), payload.begin(), payload.end());
  };
  block('S', encode_scene(file.scene));
  std::vector<uint8_t> findings;
  put(findings, static_cast<uint32_t>(file.findings.size()));
  for (const std::string& f : file.findings) put_string(findings, f);  // at most 65,535 bytes each
  block('N', findings);
  return std::string(b.begin(), b.end());
}

bool is_scene_file(const std::filesystem::path& path) {
  char head[sizeof kSceneMagic] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && std::memcmp(head, kSceneMagic, sizeof kSceneMagic) == 0;
}

SceneFile read_scene_file(const std::filesystem::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw TraceError("cannot open " + path.string() + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t chunk[65536];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) bytes.insert(bytes.end(), chunk, chunk + n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw TraceError("cannot read " + path.string() + ": " + std::strerror(errno));
  if (bytes.size() < kHeaderBytes || std::memcmp(bytes.data(), kSceneMagic, sizeof kSceneMagic) != 0)
    throw TraceError(path.string() + ": not a drilltwin scene file (no DTSCENE header)");
  uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 8, 4);
  if (version != kSceneVersion)
    throw TraceError(path.string() + ": scene file version " + std::to_string(version) + ", this program reads version " +
                     std::to_string(kSceneVersion));
  SceneFile out;
  bool have_scene = false, have_findings = false;
  std::size_t at = kHeaderBytes;
  try {
    while (at < bytes.size()) {
      if (bytes.size() - at < kBlockHeaderBytes) throw TraceError("a block header is cut short");
      const char type = static_cast<char>(bytes[at]);
      uint32_t len = 0;
      std::memcpy(&len, bytes.data() + at + 1, 4);
      at += kBlockHeaderBytes;
      if (bytes.size() - at < len) throw TraceError("a block is cut short");
      Cursor c(bytes.data() + at, len);
      if (type == 'S') {
        out.scene = decode_scene(c);
        have_scene = true;
      } else if (type == 'N') {
        const uint32_t n = c.count(2);
        out.findings.reserve(n);
        for (uint32_t i = 0; i < n; ++i) out.findings.push_back(c.string());
        have_findings = true;
      }  // other block types: a later version's additions, skipped
      at += len;
    }
  } catch (const TraceError& e) {
    throw TraceError(path.string() + ": damaged scene file: " + e.what());
  }
  if (!have_scene || !have_findings)
    throw TraceError(path.string() + ": scene file is missing its " + std::string(!have_scene ? "SCENE" : "FINDINGS") +
                     " block");
  return out;
}

// --- TraceReader -------------------------------------------------------------------------------

TraceReader::TraceReader(const std::filesystem::path& path) {
  try {
    load(path);
  } catch (...) {
    // A constructor that throws runs no destructor: close the file here, or every damaged trace
    // opened (the viewer's file dialog, a fuzzer) keeps a descriptor until the process runs out.
    if (file_) std::fclose(file_);
    file_ = nullptr;
    throw;
  }
}

TraceReader::~TraceReader() {
  if (file_) std::fclose(file_);
}

double TraceReader::duration_s() const noexcept {
  return frames_.empty() ? 0.0 : frames_.back().index * meta_.frame_interval_s;
}

void TraceReader::load(const std::filesystem::path& path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw TraceError("cannot open " + path.string() + ": " + std::strerror(errno));
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) throw TraceError("cannot read " + path.string() + ": " + ec.message());
  uint8_t head[kHeaderBytes];
  if (std::fread(head, 1, sizeof head, file_) != sizeof head || std::memcmp(head, kMagic, sizeof kMagic) != 0)
    throw TraceError(path.string() + ": not a drilltwin trace (no DTTRACE header)");
  uint32_t version = 0;
  std::memcpy(&version, head + 8, 4);
  if (version < kOldestVersion || version > kVersion)
    throw TraceError(say(kTraceVersion, path.string(), version, kOldestVersion, kVersion));
  version_ = version;

  bool have_meta = false, have_scene = false, have_people = false;
  uint64_t offset = kHeaderBytes;
  std::vector<uint8_t> payload;
  while (offset + kBlockHeaderBytes <= size) {
    uint8_t bh[kBlockHeaderBytes];
    if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0 || std::fread(bh, 1, sizeof bh, file_) != sizeof bh)
      break;
    uint32_t len = 0;
    std::memcpy(&len, bh + 1, 4);
    const uint64_t at = offset + kBlockHeaderBytes;
    if (at + len > size) break;  // cut short while writing: keep what is complete
    const char type = static_cast<char>(bh[0]);
    offset = at + len;
    if (type == 'F') {
      uint8_t fh[5];
      if (len < 17 || std::fread(fh, 1, sizeof fh, file_) != sizeof fh) break;
      uint32_t index = 0;
      std::memcpy(&index, fh, 4);
      if (!have_people) throw TraceError(path.string() + ": frame before the people block");
      if (frames_.empty() && (fh[4] & kKeyFlag) == 0) throw TraceError(path.string() + ": first frame is not a keyframe");
      frames_.push_back({at, len, index, (fh[4] & kKeyFlag) != 0});
      continue;
    }
    if (type != 'M' && type != 'S' && type != 'P' && type != 'E' && type != 'Z') continue;  // a later block type
    payload.resize(len);
    if (std::fread(payload.data(), 1, len, file_) != len) break;
    Cursor c(payload.data(), payload.size());
    switch (type) {
      case 'M':
        meta_ = parse_meta(std::string(payload.begin(), payload.end()));
        have_meta = true;
        break;
      case 'S':
        scene_ = decode_scene(c);
        have_scene = true;
        break;
      case 'P': {
        people_.resize(c.count(2));
        for (PersonInfo& p : people_) {
          p.kind = static_cast<PersonKind>(c.get<uint8_t>());
          p.cls = static_cast<PersonClass>(c.get<uint8_t>());
        }
        have_people = true;
        break;
      }
      case 'E': {
        Event e;
        e.t_s = c.get<double>();
        const auto kind = c.get<uint8_t>();
        if (kind == 0 || kind > last_event_kind(version_))
          throw TraceError(path.string() + ": unknown event kind " + std::to_string(kind));
        e.kind = static_cast<EventKind>(kind);
        e.subject = c.get<uint32_t>();
        e.position.x = c.get<float>();
        e.position.y = c.get<float>();
        e.position.z = c.get<float>();
        e.value = c.get<float>();
        e.text = c.string();
        events_.push_back(std::move(e));
        break;
      }
      case 'Z':
        (void)c.get<uint32_t>();
        end_time_s_ = c.get<double>();
        complete_ = true;
        break;
      default: break;
    }
  }
  if (!have_meta || !have_scene || !have_people)
    throw TraceError(path.string() + ": trace is missing its " +
                     std::string(!have_meta ? "META" : !have_scene ? "SCENE" : "PEOPLE") + " block");
  if (!complete_) end_time_s_ = duration_s();
  std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) { return a.t_s < b.t_s; });
  q_.assign(people_.size() * 3, 0);
  state_.assign(people_.size(), PersonState::Waiting);
}

void TraceReader::apply(std::size_t k) {
  const FrameRef& f = frames_[k];
  buf_.resize(f.length);
  if (std::fseek(file_, static_cast<long>(f.offset), SEEK_SET) != 0 || std::fread(buf_.data(), 1, f.length, file_) != f.length)
    throw TraceError("trace: cannot read frame " + std::to_string(f.index));
  Cursor c(buf_.data(), buf_.size());
  (void)c.get<uint32_t>();
  (void)c.get<uint8_t>();
  figures_.safe = c.get<uint32_t>();
  figures_.largest_queue = c.get<uint32_t>();
  figures_.queue_node = c.get<uint32_t>();
  const std::size_t n = state_.size();
  const std::size_t states = version_ >= 2 ? kPersonStateCount : 7;
  auto state_of = [states](uint8_t b) {
    const uint8_t s = b & 0x7F;
    if (s >= states) throw TraceError("trace: unknown person state " + std::to_string(s));
    return static_cast<PersonState>(s);
  };
  changed_.clear();
  changed_all_ = f.key;
  current_ = static_cast<std::size_t>(-1);  // until the frame is whole
  if (f.key) {
    for (std::size_t p = 0; p < n; ++p) {
      state_[p] = state_of(c.get<uint8_t>());
      for (int d = 0; d < 3; ++d) q_[3 * p + d] = unzigzag(c.varint());
    }
  } else {
    const auto changed = c.get<uint32_t>();
    std::size_t p = 0;
    for (uint32_t i = 0; i < changed; ++i) {
      p = (i == 0 ? 0 : p + 1) + c.varint();
      if (p >= n) throw TraceError("trace: person index out of range in frame " + std::to_string(f.index));
      const auto b = c.get<uint8_t>();
      state_[p] = state_of(b);
      if (b & kMovedBit)
        for (int d = 0; d < 3; ++d) q_[3 * p + d] += unzigzag(c.varint());
      changed_.push_back(static_cast<uint32_t>(p));
    }
  }
  on_link_.clear();
  queuing_.clear();
  if (version_ >= 2)
    for (std::vector<Load>* list : {&on_link_, &queuing_}) {
      const uint32_t count = c.count(2);
      uint32_t prev = 0;
      for (uint32_t i = 0; i < count; ++i) {
        const uint64_t index = (i == 0 ? 0 : uint64_t{prev} + 1) + uint64_t{c.varint()};
        const uint64_t people = c.varint();
        const std::size_t limit = list == &on_link_ ? scene_.links.size() : scene_.nodes.size();
        if (index >= limit) throw TraceError("trace: load index out of range in frame " + std::to_string(f.index));
        prev = static_cast<uint32_t>(index);
        list->push_back({prev, static_cast<uint32_t>(std::min<uint64_t>(people, 0xFFFFFFFFu))});
      }
    }
  current_ = k;
}

void TraceReader::read_frame(std::size_t k, Frame& out) {
  if (k >= frames_.size()) throw TraceError("trace: no frame " + std::to_string(k));
  const bool have = current_ != static_cast<std::size_t>(-1);
  if (!(have && current_ == k)) {
    std::size_t key = k;
    while (!frames_[key].key) --key;  // frame 0 is a keyframe
    std::size_t from = key;
    if (have && current_ >= key && current_ < k) from = current_ + 1;
    for (std::size_t i = from; i <= k; ++i) apply(i);
  }
  const std::size_t n = state_.size();
  out.index = frames_[k].index;
  out.t_s = frames_[k].index * meta_.frame_interval_s;
  out.position.resize(n);
  out.state.assign(state_.begin(), state_.end());
  for (std::size_t p = 0; p < n; ++p)
    out.position[p] = {static_cast<float>(q_[3 * p] * kQuantum_m), static_cast<float>(q_[3 * p + 1] * kQuantum_m),
                       static_cast<float>(q_[3 * p + 2] * kQuantum_m)};
  out.figures = figures_;
  out.on_link = on_link_;
  out.queuing = queuing_;
}

void TraceReader::read_frame(std::size_t k, std::span<Vec3f> position, std::span<PersonState> state,
                             Figures& figures, bool hold_previous) {
  if (k >= frames_.size()) throw TraceError("trace: no frame " + std::to_string(k));
  const std::size_t n = state_.size();
  if (position.size() != n || state.size() != n) throw TraceError("trace: arrays of another size than the people");
  // Only the people apply() changed are rewritten when the arrays hold the frame before and k is
  // decoded from it by exactly one apply().
  const bool step = hold_previous && k > 0 && current_ == k - 1 && !frames_[k].key;
  if (!(current_ == k && current_ != static_cast<std::size_t>(-1))) {
    std::size_t key = k;
    while (!frames_[key].key) --key;
    std::size_t from = key;
    if (current_ != static_cast<std::size_t>(-1) && current_ >= key && current_ < k) from = current_ + 1;
    for (std::size_t i = from; i <= k; ++i) apply(i);
  }
  auto write = [&](std::size_t p) {
    position[p] = {static_cast<float>(q_[3 * p] * kQuantum_m), static_cast<float>(q_[3 * p + 1] * kQuantum_m),
                   static_cast<float>(q_[3 * p + 2] * kQuantum_m)};
    state[p] = state_[p];
  };
  if (step && !changed_all_) {
    for (const uint32_t p : changed_) write(p);
  } else {
    for (std::size_t p = 0; p < n; ++p) write(p);
  }
  figures = figures_;
}

}  // namespace dt::trace
