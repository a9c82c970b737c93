#pragma once
// The replay clock: play, pause, speed ×1 to ×64, seek and step, and the people at the current
// time — positions interpolated between the two frames around it, states of the earlier frame.

#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

class Playback {
 public:
  static constexpr double kMinSpeed = 1.0;
  static constexpr double kMaxSpeed = 64.0;

  explicit Playback(trace::TraceReader& reader);

  /// Moves the clock on by `wall_s` seconds of real time (when playing); stops at the end.
  void advance(double wall_s);
  void set_playing(bool playing);
  void toggle_playing() { set_playing(!playing_); }
  /// Doubles (+1) or halves (−1) the speed within [×1, ×64].
  void change_speed(int direction);
  void set_speed(double speed);
  void seek(double t_s);
  /// Pauses and moves `frames` frames on (negative: back), landing on a frame time.
  void step(int frames);

  [[nodiscard]] double time_s() const noexcept { return t_s_; }
  [[nodiscard]] double duration_s() const noexcept { return duration_s_; }
  [[nodiscard]] double speed() const noexcept { return speed_; }
  [[nodiscard]] bool playing() const noexcept { return playing_; }

  /// Positions and states of everybody at time_s().
  void sample(std::vector<trace::Vec3f>& position, std::vector<trace::PersonState>& state, trace::Figures& figures);
  /// The frame at or before time_s() (loads, states), as of the last sample().
  [[nodiscard]] const trace::Frame& frame() const noexcept { return a_; }

 private:
  void load(std::size_t k);  // a_ = frame k, b_ = frame k + 1 (or k at the end)

  trace::TraceReader& reader_;
  double t_s_ = 0;
  double duration_s_ = 0;
  double speed_ = 1;
  bool playing_ = false;
  trace::Frame a_, b_;
  bool loaded_ = false;
};

}  // namespace dtv
