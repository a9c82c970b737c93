// Fuzz target: the scenario loader (engine/scenario/scenario_loader.h), as `drilltwin run` and
// `drilltwin validate` call it. The input is written to a file and loaded by path, so the whole
// path runs: reading the file, UTF-8 checks, the YAML event parser, includes, the section readers,
// sweeps and the file:line:col diagnostics. The only acceptable failure is an InputError; anything
// else (another exception, a crash, a leak, undefined behaviour, an assertion) is a defect.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/kernel/input_error.h"
#include "engine/scenario/scenario_loader.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::filesystem::path file = dt::fuzz::temp_dir() / "fuzz.yaml";
  dt::fuzz::write_file(file, data, size);
  try {
    (void)dt::load_scenario(file.string());
  } catch (const dt::InputError& e) {
    // The error path: every diagnostic formats, names a file and has a sane position.
    // Lines as YAML counts them: "\r\n", "\n" and a lone "\r" each end one.
    int lines = 1;
    for (std::size_t i = 0; i < size; ++i)
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'))) ++lines;
    if (e.diagnostics().empty()) {
      std::fprintf(stderr, "InputError without a diagnostic: %s\n", e.what());
      std::abort();
    }
    for (const dt::Diagnostic& d : e.diagnostics()) {
      const std::string text = d.str();
      const bool here = d.pos.file == file.string();
      if (d.pos.file.empty() || d.pos.line < 0 || d.pos.col < 0 || (d.pos.line == 0 && d.pos.col != 0) ||
          (here && d.pos.line > lines) || text.empty()) {
        std::fprintf(stderr, "malformed diagnostic (file '%s', line %d, col %d, %d lines): %s\n", d.pos.file.c_str(),
                     d.pos.line, d.pos.col, lines, text.c_str());
        std::abort();
      }
    }
  }
  return 0;
}
