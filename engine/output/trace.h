#pragma once
// trace.bin: one replication replayed (`drilltwin run --trace`, read by drilltwin-view).
//
// A trace holds the scene (site, building shells and floors, elevator shafts, the navigation
// network, sensors), the people, and at a fixed interval the position (metres, quantised to 1 cm)
// and state of every person, plus events (alarm, incidents, hazards, blocked links). It is
// written while the run goes, as a sequence of typed, length-prefixed blocks; frames are deltas
// against the previous frame with a full keyframe every `keyframe_every` frames, so a reader can
// seek. docs/formats.md ("trace.bin") specifies every byte and gives a Python reader.
//
// This is the format only: it knows nothing of the engine (DESIGN.md §2: the viewer reads layouts
// and traces through this library). engine/sim/trace_recorder.h fills it from a replication.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace dt::trace {

/// The version written. Version 2 added the "not yet alerted" state, the events of elevators, power,
/// water and staff, staff as people, and each frame's loads; version 3 the service requests of
/// dispatch runs (EventKind::ServiceRequest, ServiceLate). Readers read versions 1 to 3.
inline constexpr uint32_t kVersion = 3;
inline constexpr uint32_t kOldestVersion = 1;
/// Positions are stored as integers of this many metres.
inline constexpr double kQuantum_m = 0.01;
/// Index meaning "none" (a frame's queue node, an event's subject).
inline constexpr uint32_t kNone = 0xFFFFFFFFu;

/// Thrown when a file is not a trace, is of an unsupported version, or is damaged before its
/// first frame; also for I/O errors while writing.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What a person is doing in a frame (one byte per person).
enum class PersonState : uint8_t {
  Waiting = 0,             ///< heard the alarm, pre-movement not over yet
  Moving = 1,              ///< walking along a link
  Queuing = 2,             ///< waiting to enter a link, or at a link's end for room in the next place
  AwaitingAssistance = 3,  ///< cannot evacuate on his own; waits for staff
  Assisted = 4,            ///< moving with staff
  Safe = 5,                ///< at an assembly point (or outside, by the scenario's rule)
  Stranded = 6,            ///< no route to safety from where he stands
  NotAlerted = 7,          ///< has not heard the alarm yet (version 2)
};
inline constexpr std::size_t kPersonStateCount = 8;
[[nodiscard]] const char* to_string(PersonState s) noexcept;

enum class PersonKind : uint8_t { Resident = 0, Staff = 1 };
/// As engine/people/population.h ResidentClass; Unknown when the writer did not know.
enum class PersonClass : uint8_t { Adult = 0, Elderly = 1, Child = 2, NeedsAssistance = 3, Unknown = 255 };

/// Node and link kinds: the same codes as engine/world/nav_graph.h NodeKind / LinkKind.
enum class NodeKind : uint8_t {
  Unit = 0, Corridor = 1, StairLanding = 2, GroundLobby = 3, Outdoor = 4, Gate = 5, AssemblyPoint = 6,
  Store = 7, ElevatorCar = 8
};
enum class LinkKind : uint8_t { Door = 0, Opening = 1, Stair = 2, Elevator = 3, Path = 4, Exit = 5 };
/// The same codes as engine/world/layout.h SensorKind.
enum class SensorKind : uint8_t {
  SmokeDetector = 0, HeatDetector = 1, Camera = 2, WaterLeak = 3, ElevatorFault = 4, ManualCallPoint = 5
};

enum class EventKind : uint8_t {
  Alarm = 1,            ///< the alarm sounds
  Incident = 2,         ///< an incident is reported at `position` (subject: incident number)
  IncidentCleared = 3,  ///< incident `subject` is resolved
  NodeHazard = 4,       ///< node `subject` is affected: value 0 clear ... 1 untenable (smoke-logged)
  LinkBlocked = 5,      ///< link `subject`: value 1 blocked, 0 open again
  SensorAlarm = 6,      ///< sensor `subject` (index into Scene::sensors) raises an alarm
  // Version 2:
  ElevatorRecalled = 7,    ///< elevator `subject` (the site's elevator number) recalled to the ground floor
  ElevatorStopped = 8,     ///< elevator `subject` out of service (failed, or no power)
  Entrapment = 9,          ///< elevator `subject` stopped with riders: `value` persons trapped
  RescuerOnSite = 10,      ///< a rescuer is at trapped elevator `subject`
  EntrapmentReleased = 11, ///< the `value` riders of elevator `subject` are out
  PowerCut = 12,           ///< building `subject` (index into Scene::buildings) loses power; `value` how long [s] (+inf)
  PowerRestored = 13,      ///< building `subject` has power again
  Flooded = 14,            ///< node `subject` impassable: water deeper than the limit
  StaffAlerted = 15,       ///< the staff set off from their post (`position`)
  Rescued = 16,            ///< person `subject` brought to safety by staff
  // Version 3 (dispatch runs):
  ServiceRequest = 17,     ///< an incident of a dispatch run is reported in building `subject` (index into
                           ///< Scene::buildings; kNone outside any) at `position`; `value`: its type's index
  ServiceLate = 18,        ///< that incident's response target passes without staff on site (same subject, value)
};
inline constexpr uint8_t kLastEventKind = 18;
/// The last event kind a file of `version` may hold.
[[nodiscard]] constexpr uint8_t last_event_kind(uint32_t version) noexcept {
  return version >= 3 ? kLastEventKind : version == 2 ? uint8_t{16} : uint8_t{6};
}
[[nodiscard]] const char* to_string(EventKind k) noexcept;

struct Vec2f {
  float x = 0, y = 0;  ///< [m]
};
struct Vec3f {
  float x = 0, y = 0, z = 0;  ///< [m]
};

struct ElevatorShaft {
  std::string id;       ///< "L1"
  Vec2f at;             ///< centre of the shaft on the site [m]
  int16_t lowest = 1;   ///< lowest floor served
  int16_t highest = 1;  ///< highest floor served
};

struct Building {
  std::string id;
  std::vector<Vec2f> outline;  ///< footprint on the site [m]
  /// Height above ground of the slab of floor f at [f − 1] (floor 1 = ground); the last entry is
  /// the roof [m]. Size floors + 1.
  std::vector<float> elevation_m;
  std::vector<ElevatorShaft> elevators;

  [[nodiscard]] int floors() const noexcept { return static_cast<int>(elevation_m.size()) - 1; }
};

struct Node {
  Vec3f position;           ///< [m]
  float area_m2 = 0;        ///< [m²]
  int32_t building = -1;    ///< index into Scene::buildings; -1 outdoors
  int16_t floor = 0;        ///< 1 = ground floor; 0 outdoors
  NodeKind kind = NodeKind::Corridor;
  std::string label;        ///< "B3/F12/U2"
};

struct Link {
  uint32_t a = 0, b = 0;    ///< node indices
  float width_m = 0;        ///< clear width [m]
  float length_m = 0;       ///< walking length [m]
  int32_t building = -1;
  /// Stairs: horizontal run of each of the two flights of the dog-leg, as a vector from the lower
  /// landing into the stair (see link_point). Zero for other links [m].
  Vec2f run;
  LinkKind kind = LinkKind::Opening;
  std::string label;
};

struct Sensor {
  Vec3f position;           ///< [m]
  uint32_t node = kNone;    ///< the node it watches
  SensorKind kind = SensorKind::SmokeDetector;
  std::string id;
};

/// What a trace draws: also what drilltwin-view shows for a layout on its own.
struct Scene {
  std::string name;               ///< layout name
  std::vector<Vec2f> site;        ///< site boundary; empty = none
  std::vector<Building> buildings;
  std::vector<Node> nodes;
  std::vector<Link> links;
  std::vector<Sensor> sensors;
};

struct PersonInfo {
  PersonKind kind = PersonKind::Resident;
  PersonClass cls = PersonClass::Unknown;
};

/// Who wrote the trace and how (the META block, JSON).
struct Meta {
  std::string drilltwin_version;
  std::string scenario;
  uint64_t seed = 0;
  uint64_t replication = 0;
  double frame_interval_s = 1.0;   ///< frame k shows the state at k × frame_interval_s [s, > 0]
  double start_clock_s = 0;        ///< clock time of t = 0 [s after midnight] (the alarm in plain evacuations)
  uint32_t keyframe_every = 60;    ///< a full frame every this many frames [>= 1]
};

struct Event {
  double t_s = 0;                  ///< [s]
  EventKind kind = EventKind::Alarm;
  uint32_t subject = kNone;        ///< node, link, incident or sensor index by kind
  Vec3f position;                  ///< where to mark it [m]
  float value = 0;                 ///< by kind (hazard level, blocked)
  std::string text;                ///< short description for the viewer
};

/// The live figures of a frame, computed by the writer's caller.
struct Figures {
  uint32_t safe = 0;               ///< people safe
  uint32_t largest_queue = 0;      ///< most people queuing at one place
  uint32_t queue_node = kNone;     ///< that place (node index), kNone if nobody queues
};

/// How many people are at one link or node in a frame (version 2; only those with people).
struct Load {
  uint32_t index = 0;   ///< link or node index
  uint32_t people = 0;
};

/// One decoded frame.
struct Frame {
  uint32_t index = 0;
  double t_s = 0;
  std::vector<Vec3f> position;     ///< per person [m]
  std::vector<PersonState> state;  ///< per person
  Figures figures;
  std::vector<Load> on_link;       ///< people on each link (walking it or waiting at its end), ascending index; empty in version 1
  std::vector<Load> queuing;       ///< people queuing in each node, ascending index; empty in version 1
};

// ---------------------------------------------------------------------------------------------
// Geometry shared by the writer's caller and the viewer, so that what is drawn and where people
// walk agree (docs/formats.md, "Positions").

/// Point on link `l` at fraction `u` ∈ [0, 1] of the way from node a to node b, `lateral_m` to
/// the left of the direction a → b. Stairs follow a dog-leg: from the lower landing the first
/// flight rises along `run` on the right-hand side, the second comes back on the left-hand side
/// to the upper landing (z linear in the fraction).
[[nodiscard]] Vec3f link_point(const Scene& scene, const Link& l, float u, float lateral_m) noexcept;

/// The i-th element of a low-discrepancy sequence in [0, 1): frac(0.5 + i·alpha). Element 0 is
/// 0.5, so the first person of a trace stands exactly on centres and centre lines.
[[nodiscard]] float spread(uint32_t i, double alpha) noexcept;

// ---------------------------------------------------------------------------------------------

/// Streams a trace to a file. Call frame() with increasing indices; finish() at the end.
class TraceWriter {
 public:
  /// Creates `path` and writes the header, meta, scene and people. Throws TraceError.
  TraceWriter(const std::filesystem::path& path, const Meta& meta, const Scene& scene,
              std::span<const PersonInfo> people);
  ~TraceWriter();
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  /// Writes frame `index` (time index × interval). Sizes must match the people.
  void frame(uint32_t index, std::span<const Vec3f> position, std::span<const PersonState> state,
             const Figures& figures, std::span<const Load> on_link = {}, std::span<const Load> queuing = {});
  void event(const Event& e);
  /// Writes the END block and closes the file. Throws TraceError on any I/O error so far.
  void finish(double end_time_s);

  [[nodiscard]] uint64_t bytes_written() const noexcept { return bytes_; }
  [[nodiscard]] uint32_t frames_written() const noexcept { return frames_; }

 private:
  void block(char type, const std::vector<uint8_t>& payload);

  std::FILE* file_ = nullptr;
  std::filesystem::path path_;
  uint32_t keyframe_every_ = 60;
  std::vector<int32_t> q_;         // previous frame, quantised (x, y, z per person)
  std::vector<PersonState> state_; // previous frame's states
  std::vector<uint8_t> buf_;
  uint64_t bytes_ = 0;
  uint32_t frames_ = 0;
  bool failed_ = false;
};

/// A scene file (docs/formats.md, "scene.bin"): the scene of a layout without a run, as
/// `drilltwin layout FILE --export scene OUT` writes it for drilltwin-view, with the findings of the
/// layout checks (one line each, FILE:LINE:COL: error|warning: ...).
struct SceneFile {
  Scene scene;
  std::vector<std::string> findings;
};

/// The bytes of a scene file (write them with write_file_atomically).
[[nodiscard]] std::string encode_scene_file(const SceneFile& file);

/// True when `path` starts like a scene file (its 8-byte magic), false otherwise or if unreadable.
[[nodiscard]] bool is_scene_file(const std::filesystem::path& path);

/// Reads a scene file; the file is untrusted input: every length is checked. Throws TraceError
/// naming the file and what is wrong.
[[nodiscard]] SceneFile read_scene_file(const std::filesystem::path& path);

/// Reads a trace; frames are decoded on demand (sequential reads cost one delta each).
class TraceReader {
 public:
  /// Opens `path` and reads everything but the frames. Throws TraceError.
  explicit TraceReader(const std::filesystem::path& path);
  ~TraceReader();
  TraceReader(const TraceReader&) = delete;
  TraceReader& operator=(const TraceReader&) = delete;

  [[nodiscard]] const Meta& meta() const noexcept { return meta_; }
  /// The file's format version (kOldestVersion ... kVersion).
  [[nodiscard]] uint32_t version() const noexcept { return version_; }
  [[nodiscard]] const Scene& scene() const noexcept { return scene_; }
  [[nodiscard]] const std::vector<PersonInfo>& people() const noexcept { return people_; }
  [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
  [[nodiscard]] std::size_t frame_count() const noexcept { return frames_.size(); }
  /// Frame `k`'s index (it shows the state at index × frame_interval_s); k < frame_count().
  [[nodiscard]] uint32_t frame_index(std::size_t k) const noexcept { return frames_[k].index; }
  /// Time of the last frame [s] (0 without frames).
  [[nodiscard]] double duration_s() const noexcept;
  /// True when the file ends with its END block (false: the run was cut short).
  [[nodiscard]] bool complete() const noexcept { return complete_; }
  /// The END block's end of the run [s]; the last frame's time when incomplete.
  [[nodiscard]] double end_time_s() const noexcept { return end_time_s_; }

  /// Decodes frame `k` (< frame_count()) into `out`. Throws TraceError if the file is damaged.
  void read_frame(std::size_t k, Frame& out);
  /// The same positions and states into `position` and `state` (people() entries each), and the
  /// frame's figures. When the arrays hold frame k − 1 as this call wrote it (`hold_previous`) and
  /// k follows it in the file, only the people who changed are written (readers of every frame
  /// in order, e.g. the Python module's); otherwise everybody is.
  void read_frame(std::size_t k, std::span<Vec3f> position, std::span<PersonState> state, Figures& figures,
                  bool hold_previous);

 private:
  struct FrameRef {
    uint64_t offset;   // of the payload
    uint32_t length;
    uint32_t index;
    bool key;
  };
  void load(const std::filesystem::path& path);
  void apply(std::size_t k);

  std::FILE* file_ = nullptr;
  Meta meta_;
  Scene scene_;
  std::vector<PersonInfo> people_;
  std::vector<Event> events_;
  std::vector<FrameRef> frames_;
  bool complete_ = false;
  uint32_t version_ = kVersion;
  double end_time_s_ = 0;
  // Decoding state: the last frame applied.
  std::size_t current_ = static_cast<std::size_t>(-1);
  std::vector<int32_t> q_;
  std::vector<PersonState> state_;
  std::vector<uint32_t> changed_;  // the people the last apply() changed (all: after a keyframe)
  bool changed_all_ = true;
  Figures figures_;
  std::vector<Load> on_link_, queuing_;
  std::vector<uint8_t> buf_;
};

}  // namespace dt::trace
