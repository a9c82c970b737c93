// Fuzz target: the layout loader and what `drilltwin layout FILE` and drilltwin-view do with a
// layout (engine/sim/layout_scene.h): read the YAML (engine/scenario/layout_loader.h), generate the
// navigation network (engine/world/generator.h), check it (engine/world/layout_checks.h) and make
// the scene the viewer draws, then encode it as a scene file. The only acceptable failure is an
// InputError; anything else is a defect.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/output/trace.h"
#include "engine/sim/layout_scene.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::filesystem::path file = dt::fuzz::temp_dir() / "fuzz.yaml";
  dt::fuzz::write_file(file, data, size);
  try {
    std::vector<std::string> findings;
    dt::trace::SceneFile scene{dt::load_layout_scene(file.string(), findings), findings};
    (void)dt::trace::encode_scene_file(scene);
  } catch (const dt::InputError& e) {
    dt::fuzz::require_named_diagnostics(e);
  }
  return 0;
}
