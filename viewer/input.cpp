#include "viewer/input.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/kernel/lang.h"

extern char** environ;

namespace dtv {

namespace fs = std::filesystem;

namespace {

// The first line of the HUD.
DT_PHRASE(kTraceTitle, "{}  replication {}  seed {}", "{}  重复运行 {}  随机种子 {}");
DT_PHRASE(kCutShort, "  (trace cut short)", "  （回放记录不完整）");
DT_PHRASE(kLayoutTitle, "layout {}  (no run: layout only)", "布局 {}  （未运行：仅显示布局）");

bool starts_like_trace(const fs::path& path) {
  char head[8] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  const std::size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && std::memcmp(head, "DTTRACE", 8) == 0;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// The `drilltwin` program installed beside this one.
fs::path drilltwin_program() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path beside = (ec ? fs::path() : self.parent_path()) / "drilltwin";
  if (!fs::exists(beside, ec))
    throw UsageError("cannot show a layout file: the drilltwin program is not beside drilltwin-view (looked for " +
                     beside.string() + "); export its scene with `drilltwin layout FILE --export scene OUT` and open that");
  return beside;
}

// Runs `drilltwin layout FILE --export scene TMP -q` and reads the scene file it writes. drilltwin
// writes the scene even when the layout checks find errors (they come back as findings); when it
// writes none, its diagnostics are passed on.
trace::SceneFile layout_scene(const fs::path& layout) {
  const fs::path program = drilltwin_program();
  char dir_template[] = "/tmp/drilltwin-view.XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) throw std::runtime_error(std::string("cannot create a temporary directory: ") + std::strerror(errno));
  const fs::path dir = dir_template;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{dir};
  const fs::path scene = dir / "layout.scene", errors = dir / "stderr";
  std::vector<std::string> args = {program.string(), "layout", layout.string(), "--export", "scene", scene.string(), "-q"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot run " + program.string() + ": " + std::strerror(spawned));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::error_code ec;
  if (fs::exists(scene, ec)) return trace::read_scene_file(scene);
  const std::string said = read_text(errors);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2) throw LayoutRejected(said);
  throw std::runtime_error(program.string() + " could not export the scene of " + layout.string() +
                           (said.empty() ? std::string() : ":\n" + said));
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
    in.title = dt::say(kTraceTitle, m.scenario, m.replication, m.seed) + (in.trace->complete() ? "" : dt::say(kCutShort));
    return in;
  }
  trace::SceneFile scene = trace::is_scene_file(file) ? trace::read_scene_file(file) : layout_scene(file);
  in.scene = std::move(scene.scene);
  in.findings = std::move(scene.findings);
  in.title = dt::say(kLayoutTitle, in.scene.name.empty() ? file.filename().string() : in.scene.name);
  return in;
}

}  // namespace dtv
