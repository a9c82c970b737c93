#include "viewer/input.h"

#include <cstdio>
#include <cstring>

#include "engine/sim/layout_scene.h"

namespace dtv {

namespace fs = std::filesystem;

namespace {

bool starts_like_trace(const fs::path& path) {
  char head[8] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && std::memcmp(head, "DTTRACE", 8) == 0;
}

}  // namespace

Input open_input(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw UsageError(path.string() + ": no such file or directory");
  fs::path file = path;
  if (fs::is_directory(path, ec)) {
    file = path / "trace.bin";
    if (!fs::exists(file, ec))
      throw UsageError(path.string() + ": no trace.bin here; write one with `drilltwin run SCENARIO --trace --out " +
                       path.string() + "`, or open a layout file");
  }
  Input in;
  if (starts_like_trace(file)) {
    in.trace = std::make_unique<trace::TraceReader>(file);
    in.scene = in.trace->scene();
    const trace::Meta& m = in.trace->meta();
    in.title = m.scenario + "  replication " + std::to_string(m.replication) + "  seed " + std::to_string(m.seed) +
               (in.trace->complete() ? "" : "  (trace cut short)");
    return in;
  }
  in.scene = dt::load_layout_scene(file.string(), in.findings);
  in.title = "layout " + (in.scene.name.empty() ? file.filename().string() : in.scene.name) + "  (no run: layout only)";
  return in;
}

}  // namespace dtv
