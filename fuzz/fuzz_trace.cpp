// Fuzz target: the trace and scene file readers (engine/output/trace.h) that drilltwin-view uses.
// Both files are untrusted input: the only acceptable failure is a TraceError. The input is read
// as a scene file and as a trace; every frame of a trace is decoded in order, then the last and the
// first again (a seek back to a keyframe).

#include <cstdint>
#include <string>

#include "engine/output/trace.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::filesystem::path file = dt::fuzz::temp_dir() / "trace.bin";
  dt::fuzz::write_file(file, data, size);
  (void)dt::trace::is_scene_file(file);
  try {
    (void)dt::trace::read_scene_file(file);
  } catch (const dt::trace::TraceError&) {}
  try {
    dt::trace::TraceReader reader(file);
    (void)reader.duration_s();
    dt::trace::Frame frame;
    const std::size_t n = reader.frame_count();
    for (std::size_t k = 0; k < n; ++k) reader.read_frame(k, frame);
    if (n > 0) {
      reader.read_frame(n - 1, frame);
      reader.read_frame(0, frame);
    }
  } catch (const dt::trace::TraceError&) {}
  return 0;
}
