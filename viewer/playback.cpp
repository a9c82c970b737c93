#include "viewer/playback.h"

#include <algorithm>
#include <cmath>

namespace dtv {

Playback::Playback(trace::TraceReader& reader) : reader_(reader), duration_s_(reader.duration_s()) {}

void Playback::advance(double wall_s) {
  if (!playing_) return;
  t_s_ = std::min(duration_s_, t_s_ + wall_s * speed_);
  if (t_s_ >= duration_s_) playing_ = false;
}

void Playback::set_playing(bool playing) {
  if (playing && t_s_ >= duration_s_) t_s_ = 0;  // play again from the start
  playing_ = playing && duration_s_ > 0;
}

void Playback::change_speed(int direction) { set_speed(direction > 0 ? speed_ * 2 : speed_ / 2); }

void Playback::set_speed(double speed) { speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed); }

void Playback::seek(double t_s) { t_s_ = std::clamp(t_s, 0.0, duration_s_); }

void Playback::step(int frames) {
  playing_ = false;
  const double dt = reader_.meta().frame_interval_s;
  const double k = std::round(t_s_ / dt) + frames;
  seek(k * dt);
}

void Playback::load(std::size_t k) {
  const std::size_t last = reader_.frame_count() - 1;
  k = std::min(k, last);
  if (loaded_ && a_.index == k) return;
  if (loaded_ && b_.index == k && k < last) {
    std::swap(a_, b_);
    reader_.read_frame(k + 1, b_);  // the reader is at frame k: one delta
  } else {
    reader_.read_frame(k, a_);
    if (k < last)
      reader_.read_frame(k + 1, b_);
    else
      b_ = a_;
  }
  loaded_ = true;
}

void Playback::sample(std::vector<trace::Vec3f>& position, std::vector<trace::PersonState>& state,
                      trace::Figures& figures) {
  if (reader_.frame_count() == 0) {
    position.clear();
    state.clear();
    figures = {};
    return;
  }
  const double dt = reader_.meta().frame_interval_s;
  const double x = t_s_ / dt;
  const auto k = static_cast<std::size_t>(std::max(0.0, std::floor(x)));
  load(k);
  const float f = a_.index == b_.index ? 0.0f : static_cast<float>(std::clamp(x - static_cast<double>(a_.index), 0.0, 1.0));
  const std::size_t n = a_.position.size();
  position.resize(n);
  state.assign(a_.state.begin(), a_.state.end());
  for (std::size_t p = 0; p < n; ++p) {
    const trace::Vec3f& u = a_.position[p];
    const trace::Vec3f& v = b_.position[p];
    position[p] = {u.x + f * (v.x - u.x), u.y + f * (v.y - u.y), u.z + f * (v.z - u.z)};
  }
  figures = a_.figures;
}

}  // namespace dtv
