#include "engine/output/staged_dir.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace dt {

namespace fs = std::filesystem;

namespace {

void write_whole_file(const fs::path& path, std::string_view content) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const bool flushed = std::fflush(f) == 0;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !flushed || !closed)
    throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

StagedDirectory::StagedDirectory(fs::path final_dir) : final_(std::move(final_dir)) {
  if (final_.filename().empty()) final_ = final_.parent_path();  // "out/" -> "out"
}

StagedDirectory::~StagedDirectory() {
  if (!staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

void StagedDirectory::ensure_staging() {
  if (!staging_.empty()) return;
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw std::runtime_error("cannot create " + parent.string() + ": " + ec.message());
  staging_ = parent / ("." + final_.filename().string() + ".partial-" + std::to_string(::getpid()));
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) throw std::runtime_error("cannot create " + staging_.string() + ": " + ec.message());
}

fs::path StagedDirectory::staging_path(const std::string& name) {
  ensure_staging();
  files_.push_back(name);
  return staging_ / name;
}

void StagedDirectory::write(const std::string& name, std::string_view content) {
  write_whole_file(staging_path(name), content);
}

void StagedDirectory::commit() {
  if (committed_) return;
  ensure_staging();
  std::error_code ec;
  fs::create_directories(final_, ec);
  if (ec) throw std::runtime_error("cannot create output directory " + final_.string() + ": " + ec.message());
  for (const auto& name : files_) {
    fs::rename(staging_ / name, final_ / name, ec);
    if (ec) throw std::runtime_error("cannot move " + name + " into " + final_.string() + ": " + ec.message());
  }
  fs::remove_all(staging_, ec);
  staging_.clear();
  committed_ = true;
}

void write_file_atomically(const fs::path& path, std::string_view content) {
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  try {
    write_whole_file(tmp, content);
    fs::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

}  // namespace dt
