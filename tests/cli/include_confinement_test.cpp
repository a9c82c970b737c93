// `!include` stays in the scenario's folder tree (issue 13): `!include /etc/shadow` printed the
// file's lines as "unknown key" errors. An include may read a YAML file (*.yaml, *.yml) in the
// folder of the top-level file or below it — or below the nearest folder above it that holds a
// .drilltwin-root file (a project: scenarios/ beside assets/) — unless --allow-include-outside is
// given; symbolic links are followed before the check. A file that is not YAML by its name is never
// read, so its contents cannot appear in an error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/process.h"

namespace dt {
namespace {

namespace fs = std::filesystem;
using test::run_drilltwin;

const char* const kSecret = "root:$6$SECRETHASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";

std::string scenario_including(const std::string& spec) {
  return "name: inc\n"
         "run: {replications: 2}\n"
         "staff: {count: 2}\n"
         "incidents:\n"
         "  arrivals: !include " + spec + "\n"
         "  service_time: {dist: exponential, mean: 30 min}\n";
}

// proj/scenarios/main.yaml includes `spec`; proj/shared/arrivals.yaml and proj/secret exist.
struct Project {
  test::TempDir tmp;
  std::string root = tmp / "proj";
  std::string main = root + "/scenarios/main.yaml";
  explicit Project(const std::string& spec) {
    fs::create_directories(root + "/scenarios");
    fs::create_directories(root + "/shared");
    std::ofstream(main) << scenario_including(spec);
    std::ofstream(root + "/shared/arrivals.yaml") << "rate_per_hour: 1\n";
    std::ofstream(root + "/scenarios/arrivals.yaml") << "rate_per_hour: 2\n";
    std::ofstream(root + "/secret") << kSecret;
  }
};

void expect_refused(const test::ProcessResult& r, const std::string& fragment, const std::string& what) {
  EXPECT_EQ(r.exit_status, 2) << what << "\n" << r.out << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << what << ": expected '" << fragment << "' in\n" << r.err;
  EXPECT_EQ(r.err.find("SECRETHASH"), std::string::npos) << what << ": the secret was echoed\n" << r.err;
}

TEST(IncludeConfinement, AnIncludeOutsideTheScenariosFolderIsRefusedUnlessAllowed) {
  Project p("../shared/arrivals.yaml");
  const std::vector<std::vector<std::string>> commands{
      {"validate", p.main},
      {"run", p.main, "--out", p.tmp / "o"},
      {"compare", p.main, "--vary", "staff.count=2,3", "--out", p.tmp / "o"},
      {"sweep", p.main, "--out", p.tmp / "o"},
  };
  for (const auto& args : commands) {
    expect_refused(run_drilltwin(args),
                   p.main + ":5:13: error: cannot include '../shared/arrivals.yaml' (resolved to " +
                       fs::canonical(p.root).string() + "/shared/arrivals.yaml): it is outside " +
                       fs::canonical(p.root + "/scenarios").string() + ", the folder of the scenario file",
                   args[0]);
    EXPECT_FALSE(fs::exists(p.tmp / "o")) << args[0];
    std::vector<std::string> allowed = args;
    allowed.push_back("--allow-include-outside");
    const auto r = run_drilltwin(allowed);
    EXPECT_EQ(r.exit_status, 0) << args[0] << "\n" << r.err;
    fs::remove_all(p.tmp / "o");
  }
  // Below the scenario's folder is inside.
  std::ofstream(p.main) << scenario_including("arrivals.yaml");
  EXPECT_EQ(run_drilltwin({"validate", p.main}).exit_status, 0);
}

TEST(IncludeConfinement, ADrilltwinRootFileWidensTheTreeToItsFolder) {
  Project p("../shared/arrivals.yaml");
  std::ofstream(p.root + "/.drilltwin-root");  // proj/ is a project: scenarios/ may include from shared/
  const auto r = run_drilltwin({"validate", p.main});
  EXPECT_EQ(r.exit_status, 0) << r.err;
  // ... but not beyond it.
  std::ofstream(p.tmp / "elsewhere.yaml") << "rate_per_hour: 1\n";
  std::ofstream(p.main) << scenario_including("../../elsewhere.yaml");
  expect_refused(run_drilltwin({"validate", p.main}),
                 "it is outside " + fs::canonical(p.root).string() + ", the folder marked by its .drilltwin-root file",
                 "beyond the project");
}

TEST(IncludeConfinement, AFileThatIsNotYamlIsNeverRead) {
  Project p("/etc/shadow");
  std::ofstream(p.root + "/.drilltwin-root");
  // Outside: refused; with --allow-include-outside still refused, by its name, unread.
  expect_refused(run_drilltwin({"validate", p.main}), "cannot include '/etc/shadow'", "/etc/shadow");
  expect_refused(run_drilltwin({"validate", p.main, "--allow-include-outside"}),
                 "cannot include '/etc/shadow': !include reads YAML files (named *.yaml or *.yml)", "/etc/shadow");
  // Inside the tree too: a file without a YAML name is not read.
  std::ofstream(p.main) << scenario_including("../secret");
  expect_refused(run_drilltwin({"validate", p.main}), "!include reads YAML files (named *.yaml or *.yml)", "secret");
  // A YAML name that is a symbolic link to it: the file it leads to counts.
  fs::create_symlink(p.root + "/secret", p.root + "/scenarios/secret.yaml");
  std::ofstream(p.main) << scenario_including("secret.yaml");
  expect_refused(run_drilltwin({"validate", p.main}), "(a link to " + fs::canonical(p.root).string() + "/secret)",
                 "link to the secret");
  // A link out of the tree is outside, whatever its name.
  std::ofstream(p.tmp / "outside.yaml") << "rate_per_hour: 1\n";
  fs::create_symlink(p.tmp / "outside.yaml", p.root + "/scenarios/inside.yaml");
  std::ofstream(p.main) << scenario_including("inside.yaml");
  expect_refused(run_drilltwin({"validate", p.main}), "it is outside", "link out of the tree");
  EXPECT_EQ(run_drilltwin({"validate", p.main, "--allow-include-outside"}).exit_status, 0);
}

TEST(IncludeConfinement, AnIncludedFileThatIsNotTextIsNotQuoted) {
  Project p("binary.yaml");
  std::ofstream(p.root + "/scenarios/binary.yaml", std::ios::binary)
      << std::string("SECRETHASH\0\x01\x02 binary", 20);
  expect_refused(run_drilltwin({"validate", p.main}), "binary.yaml:1:11: error: file is not a text (UTF-8) file",
                 "binary include");
}

TEST(IncludeConfinement, OverridesAndLayoutsFollowTheSameRule) {
  Project p("arrivals.yaml");
  // An include written in --set is resolved from the working directory and confined like the file's.
  const std::string outside = "incidents.arrivals=!include " + p.tmp / "elsewhere.yaml";
  std::ofstream(p.tmp / "elsewhere.yaml") << "rate_per_hour: 1\n";
  expect_refused(run_drilltwin({"validate", p.main, "--set", outside}), "it is outside", "--set include");
  EXPECT_EQ(run_drilltwin({"validate", p.main, "--set", outside, "--allow-include-outside"}).exit_status, 0);
  const std::string inside = "incidents.arrivals=!include " + p.root + "/scenarios/arrivals.yaml";
  EXPECT_EQ(run_drilltwin({"validate", p.main, "--set", inside}).exit_status, 0);

  // A layout file's includes.
  fs::create_directories(p.root + "/layouts");
  std::ofstream(p.root + "/layouts/site.yaml")
      << "buildings: !include ../buildings.yaml\n"
         "assembly_points:\n  - {id: yard, at: [15, -30], capacity_persons: 200}\n";
  std::ofstream(p.root + "/buildings.yaml") << "- id: B1\n  footprint: {width_m: 30, depth_m: 12}\n  floors: 1\n";
  expect_refused(run_drilltwin({"layout", p.root + "/layouts/site.yaml"}), "the folder of the layout file", "layout");
  const auto allowed = run_drilltwin({"layout", p.root + "/layouts/site.yaml", "--allow-include-outside"});
  EXPECT_EQ(allowed.err.find("cannot include"), std::string::npos) << allowed.err;
  EXPECT_NE(allowed.exit_status, 1) << allowed.err;
}

}  // namespace
}  // namespace dt
