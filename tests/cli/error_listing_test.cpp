// A file with a mistake on every line gets a readable answer (issue 13): the first 50 problems
// and the count of the rest, not 300,000 lines on stderr.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "tests/support/process.h"

namespace dt {
namespace {

const char* const kDesk =
    "name: many\n"
    "run: {replications: 2}\n"
    "staff: {count: 2}\n"
    "incidents:\n"
    "  arrivals: {rate_per_hour: 1}\n"
    "  service_time: {dist: exponential, mean: 30 min}\n";

std::string tail(const std::string& s) { return s.substr(s.size() - std::min<std::size_t>(s.size(), 500)); }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

TEST(ErrorListing, ThreeHundredThousandUnknownKeysPrintFiftyAndACount) {
  test::TempDir tmp;
  const std::string file = tmp / "many.yaml";
  {
    std::ofstream f(file);
    f << kDesk;
    for (int i = 0; i < 300'000; ++i) f << "k" << i << ": 1\n";
  }
  for (const char* cmd : {"validate", "run"}) {
    std::vector<std::string> args{cmd, file};
    if (std::string(cmd) == "run") args.insert(args.end(), {"--out", tmp / "o"});
    const auto r = test::run_drilltwin(args);
    EXPECT_EQ(r.exit_status, 2) << cmd;
    EXPECT_LE(lines(r.err), 53u) << cmd << ": " << lines(r.err) << " lines on stderr";
    for (int i : {0, 49}) {
      const std::string first = file + ":" + std::to_string(7 + i) + ":1: error: unknown key 'k" + std::to_string(i) + "'";
      EXPECT_NE(r.err.find(first), std::string::npos) << cmd << ": " << first << "\n" << r.err.substr(0, 2000);
    }
    EXPECT_EQ(r.err.find("'k50'"), std::string::npos) << cmd;
    EXPECT_NE(r.err.find("… and 299,950 more errors\n"), std::string::npos) << tail(r.err);
    EXPECT_NE(r.err.find("300,000 errors; nothing was run."), std::string::npos) << tail(r.err);
  }
}

TEST(ErrorListing, FiftyErrorsOrFewerAreAllShown) {
  test::TempDir tmp;
  const std::string file = tmp / "fifty.yaml";
  {
    std::ofstream f(file);
    f << kDesk;
    for (int i = 0; i < 50; ++i) f << "k" << i << ": 1\n";
  }
  const auto r = test::run_drilltwin({"validate", file});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_NE(r.err.find("unknown key 'k49'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("more error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("50 errors; nothing was run."), std::string::npos) << r.err;
}

TEST(ErrorListing, NotesStayWithTheErrorsTheyExplain) {
  // Every point of this sweep fails on its own value: each error is followed by its "in sweep
  // point" note, and the notes of errors that are not shown are not shown either.
  test::TempDir tmp;
  const std::string file = tmp / "sweep.yaml";
  {
    std::ofstream f(file);
    f << kDesk << "sweep:\n  grid:\n    staff.count: [";
    for (int i = 0; i < 80; ++i) f << (i ? ", " : "") << "-" << i + 1;
    f << "]\n";
  }
  const auto r = test::run_drilltwin({"validate", file});
  EXPECT_EQ(r.exit_status, 2);
  // Points are numbered from 0: the 50th error is point 49's.
  EXPECT_NE(r.err.find("note: in sweep point 49 (staff.count=-50;"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("in sweep point 50 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("… and 30 more errors\n"), std::string::npos) << r.err;
  EXPECT_LE(lines(r.err), 102u);
}

}  // namespace
}  // namespace dt
