#pragma once
// What drilltwin-view shows: a trace (a run's output directory or a trace.bin) or a layout file
// on its own (generated into a scene by the engine's layout loader, engine/sim/layout_scene.h).

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

/// Input the user got wrong (exit status 2).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Input {
  std::string title;                          ///< first line of the HUD
  trace::Scene scene;
  std::unique_ptr<trace::TraceReader> trace;  ///< null for a layout on its own
  std::vector<std::string> findings;          ///< layout checks (layout files only)
};

/// Opens DIR (holding trace.bin), a trace file, or a layout YAML. Throws UsageError,
/// dt::InputError (layout) or trace::TraceError.
[[nodiscard]] Input open_input(const std::filesystem::path& path);

}  // namespace dtv
