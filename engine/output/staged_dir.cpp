#include "engine/output/staged_dir.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>

#include "engine/kernel/hash.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/system_error_text.h"

namespace dt {

namespace {
DT_PHRASE(kCannotWrite, "cannot write {}: {}", "无法写入 {}：{}");
DT_PHRASE(kCannotRead, "cannot read {}: {}", "无法读取 {}：{}");
DT_PHRASE(kCannotReadBare, "cannot read {}", "无法读取 {}");
DT_PHRASE(kNoOutputDir, "no output directory given", "没有给出输出目录");
DT_PHRASE(kNotADirectory, "cannot write into {}: it exists and is not a directory", "无法写入 {}：它已存在且不是目录");
DT_PHRASE(kCannotCreateOutput, "cannot create output directory {}: {}", "无法创建输出目录 {}：{}");
DT_PHRASE(kCannotCreate, "cannot create {}: {}", "无法创建 {}：{}");
DT_PHRASE(kCannotReplace, "cannot replace {}: {} (the previous results are left as they were)", "无法替换 {}：{}（之前的结果保持原样）");
DT_PHRASE(kCannotMove, "cannot move {} into {}: {} (the previous results are left as they were)", "无法把 {} 移入 {}：{}（之前的结果保持原样）");
}  // namespace

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr std::string_view kStagingPrefix = ".drilltwin-staging-";
constexpr std::string_view kOldPrefix = ".drilltwin-old-";

void write_whole_file(const fs::path& path, std::string_view content) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error(say(kCannotWrite, path.string(), system_error_text(errno)));
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  const int write_errno = errno;
  const bool flushed = std::fflush(f) == 0;
  const int flush_errno = errno;
  const bool closed = std::fclose(f) == 0;
  if (!ok || !flushed || !closed)
    throw std::runtime_error(
        say(kCannotWrite, path.string(), system_error_text(!ok ? write_errno : !flushed ? flush_errno : errno)));
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "localhost";
  std::string h = buf;
  std::replace(h.begin(), h.end(), '-', '_');  // the last '-' separates the pid
  return h;
}

std::string process_tag() { return host_name() + "-" + std::to_string(::getpid()); }

// Size and FNV-1a hash of a file, read in blocks.
std::pair<uint64_t, uint64_t> size_and_hash(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(say(kCannotRead, path.string(), system_error_text(errno)));
  uint64_t bytes = 0, h = kFnv1a64Basis;
  char buf[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    h = fnv1a64(std::string_view(buf, n), h);
    bytes += n;
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw std::runtime_error(say(kCannotReadBare, path.string()));
  return {bytes, h};
}

// The files an earlier run published in `dir`: those its manifest names and drilltwin's names.
std::vector<std::string> previous_set(const fs::path& dir) {
  std::vector<std::string> names = output_file_names();
  std::FILE* f = std::fopen((dir / kManifest).c_str(), "rb");
  if (f != nullptr) {
    std::string text;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < (1u << 20)) text.append(buf, n);
    std::fclose(f);
    const nlohmann::json m = nlohmann::json::parse(text, nullptr, false);
    if (m.is_object() && m.contains("files") && m["files"].is_array())
      for (const auto& file : m["files"])
        // A kept file (a sweep's results.sqlite) is state, not output: a later job never removes it.
        if (file.is_object() && file.contains("name") && file["name"].is_string() &&
            !(file.contains("kept") && file["kept"] == true)) {
          const std::string name = file["name"].get<std::string>();
          // Only plain names of files in `dir`: a manifest is input, and cannot point elsewhere.
          if (!name.empty() && name.find('/') == std::string::npos && name != "." && name != ".." &&
              std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
        }
  }
  return names;
}

// True when `tag` ("HOST-PID") names a process of this host that no longer runs.
bool dead_process_of_this_host(std::string_view tag) {
  const auto dash = tag.rfind('-');
  if (dash == std::string_view::npos || tag.substr(0, dash) != host_name()) return false;
  const std::string pid_text(tag.substr(dash + 1));
  if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9)
    return false;
  const auto pid = static_cast<pid_t>(std::stol(pid_text));
  return pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH;
}

}  // namespace

const std::vector<std::string>& output_file_names() {
  static const std::vector<std::string> names = {kManifest,       "summary.json", "replications.csv", "report.html",
                                                 "comparison.csv", "points.csv",   "trace.bin", "calibrated.yaml",
                                                 "plan.json",    "plan.html",    "chosen.yaml"};
  return names;
}

std::size_t remove_stale_staging(const fs::path& dir) {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::string_view tag;
    if (name.starts_with(kStagingPrefix))
      tag = std::string_view(name).substr(kStagingPrefix.size());
    else if (name.starts_with(kOldPrefix))
      tag = std::string_view(name).substr(kOldPrefix.size());
    else
      continue;
    std::error_code ignored;
    if (it->is_directory(ignored) && dead_process_of_this_host(tag) && fs::remove_all(it->path(), ignored) > 0) ++removed;
  }
  return removed;
}

StagedDirectory::StagedDirectory(fs::path final_dir, OutputRun run) : final_(std::move(final_dir)), run_(std::move(run)) {
  if (final_.filename().empty()) final_ = final_.parent_path();  // "out/" -> "out"
  if (final_.empty()) throw std::runtime_error(say(kNoOutputDir));
}

StagedDirectory::~StagedDirectory() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
  if (created_final_ && !committed_) fs::remove(final_, ec);  // only when empty
}

void StagedDirectory::ensure_staging() {
  if (!staging_.empty()) return;
  std::error_code ec;
  if (!fs::is_directory(final_, ec)) {
    if (fs::exists(fs::symlink_status(final_, ec)))
      throw std::runtime_error(say(kNotADirectory, final_.string()));
    created_final_ = fs::create_directories(final_, ec);
    if (ec) throw std::runtime_error(say(kCannotCreateOutput, final_.string(), system_error_text(ec.value())));
  }
  remove_stale_staging(final_);
  staging_ = final_ / (std::string(kStagingPrefix) + process_tag());
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) throw std::runtime_error(say(kCannotCreate, staging_.string(), system_error_text(ec.value())));
}

fs::path StagedDirectory::staging_path(const std::string& name) {
  ensure_staging();
  files_.push_back(name);
  return staging_ / name;
}

void StagedDirectory::write(const std::string& name, std::string_view content) {
  write_whole_file(staging_path(name), content);
}

void StagedDirectory::keep(const std::string& name) { kept_.push_back(name); }

std::string StagedDirectory::manifest_json() const {
  nlohmann::ordered_json m;
  m["format"] = "drilltwin-output";
  m["format_version"] = 1;
  m["command"] = run_.command;
  m["scenario"] = run_.scenario;
  m["seed"] = run_.seed;
  m["replications"] = run_.replications;
  if (!run_.fingerprint.empty()) m["fingerprint"] = run_.fingerprint;
  m["drilltwin_version"] = DRILLTWIN_VERSION;
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  auto add = [&files](const std::string& name, const fs::path& path) {
    const auto [bytes, hash] = size_and_hash(path);
    files.push_back({{"name", name}, {"bytes", bytes}, {"fnv1a64", fmt::format("{:016x}", hash)}});
  };
  for (const std::string& name : files_) add(name, staging_ / name);
  // A kept file (a sweep's results.sqlite) is still open and changing: named, not hashed.
  for (const std::string& name : kept_) files.push_back({{"name", name}, {"kept", true}});
  m["files"] = std::move(files);
  return m.dump(2) + "\n";
}

void StagedDirectory::commit() {
  if (committed_) return;
  ensure_staging();
  write_whole_file(staging_ / kManifest, manifest_json());

  // The previous set, manifest first (from then on the directory is not a complete set).
  std::vector<std::string> old = previous_set(final_);
  std::erase_if(old, [this](const std::string& n) { return std::find(kept_.begin(), kept_.end(), n) != kept_.end(); });
  const fs::path backup = final_ / (std::string(kOldPrefix) + process_tag());
  std::vector<std::string> moved_out, moved_in;
  auto roll_back = [&] {
    std::error_code ignored;
    for (const std::string& n : moved_in) fs::rename(final_ / n, staging_ / n, ignored);
    for (const std::string& n : moved_out) fs::rename(backup / n, final_ / n, ignored);
    fs::remove_all(backup, ignored);
  };
  std::error_code ec;
  fs::remove_all(backup, ec);
  fs::create_directory(backup, ec);
  if (ec) throw std::runtime_error(say(kCannotCreate, backup.string(), system_error_text(ec.value())));
  for (const std::string& n : old) {
    if (!fs::exists(fs::symlink_status(final_ / n, ec))) continue;
    fs::rename(final_ / n, backup / n, ec);
    if (ec) {
      roll_back();
      throw std::runtime_error(say(kCannotReplace, (final_ / n).string(), system_error_text(ec.value())));
    }
    moved_out.push_back(n);
  }
  std::vector<std::string> incoming = files_;
  incoming.push_back(kManifest);  // last: its presence marks the set complete
  for (const std::string& n : incoming) {
    fs::rename(staging_ / n, final_ / n, ec);
    if (ec) {
      roll_back();
      throw std::runtime_error(say(kCannotMove, n, final_.string(), system_error_text(ec.value())));
    }
    moved_in.push_back(n);
  }
  committed_ = true;
  fs::remove_all(backup, ec);
  fs::remove_all(staging_, ec);
  staging_.clear();
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
