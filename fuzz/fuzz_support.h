#pragma once
// Shared by the fuzz targets: a private temporary directory per fuzzing process and writing the
// input into a file there, since every reader under test takes a path (as the commands do).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "engine/kernel/input_error.h"

namespace dt::fuzz {

/// A directory of its own under $TMPDIR (or /tmp), removed when the process exits normally.
inline const std::filesystem::path& temp_dir() {
  static const std::filesystem::path dir = [] {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/drilltwin-fuzz.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("drilltwin fuzz: mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(temp_dir(), ec);
    });
    return std::filesystem::path(pattern);
  }();
  return dir;
}

/// Writes `size` bytes to `path` (replacing it). Aborts on an I/O error: that is the harness failing,
/// not the code under test.
inline void write_file(const std::filesystem::path& path, const uint8_t* data, std::size_t size) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
    std::perror(("drilltwin fuzz: cannot write " + path.string()).c_str());
    std::abort();
  }
}

/// The only acceptable failure of a reader: an InputError whose every diagnostic names a file and
/// no negative line or column. Anything else aborts (a finding).
inline void require_named_diagnostics(const InputError& e) {
  for (const Diagnostic& d : e.diagnostics()) {
    if (d.pos.file.empty() || d.pos.line < 0 || d.pos.col < 0) {
      std::fprintf(stderr, "malformed diagnostic: %s\n", d.str().c_str());
      std::abort();
    }
  }
}

}  // namespace dt::fuzz
