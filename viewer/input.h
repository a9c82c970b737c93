#pragma once
// What drilltwin-view shows: a trace (a run's output directory or a trace.bin), a scene file, or a
// layout file on its own. The viewer reads files only (engine/output/trace.h): a layout YAML is
// turned into a scene file by the `drilltwin` program beside it (`drilltwin layout FILE --export
// scene OUT`), so the viewer never links the engine's world or scenario code.

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
  std::vector<std::string> findings;          ///< layout checks (scene and layout files only)
};

/// A layout that `drilltwin layout` rejected; what() is its diagnostics (FILE:LINE:COL: ...), as
/// drilltwin printed them (exit status 2).
class LayoutRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Opens DIR (holding trace.bin), a trace file, a scene file or a layout YAML. Throws UsageError,
/// LayoutRejected or trace::TraceError.
[[nodiscard]] Input open_input(const std::filesystem::path& path);

}  // namespace dtv
