// Fuzz target: what `drilltwin import geojson FILE` does with a map file before writing anything: the
// GeoJSON reader (engine/import/geojson_reader.h), then the projection and the layout text (engine/import/layout_writer.h). The only acceptable
// failure is an InputError naming the file; anything else is a defect.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/import/geojson_reader.h"
#include "engine/import/layout_writer.h"
#include "engine/kernel/input_error.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::filesystem::path file = dt::fuzz::temp_dir() / "fuzz.geojson";
  dt::fuzz::write_file(file, data, size);
  try {
    (void)dt::import::write_layout(dt::import::read_geojson(file.string()), "fuzz");
  } catch (const dt::InputError& e) {
    dt::fuzz::require_named_diagnostics(e);
  }
  return 0;
}
