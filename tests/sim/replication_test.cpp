// run_replication (engine/sim/replication.h) through the `drilltwin run` command, the narrowest
// interface that survives the restructuring of engine/sim.
#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace dt {
namespace {

// Replication i depends only on (scenario, seed, i) (engine/sim/replication.h): the first three
// rows of an 8-replication run are the rows of a 3-replication run.
TEST(Replication, ReplicationDependsOnlyOnSeedAndIndex) {
  test::TempDir tmp;
  ASSERT_EQ(test::run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "8", "-q", "--out", tmp / "eight"}).exit_status, 0);
  ASSERT_EQ(test::run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "3", "-q", "--out", tmp / "three"}).exit_status, 0);
  const std::string eight = test::read_file(tmp / "eight/replications.csv");
  const std::string three = test::read_file(tmp / "three/replications.csv");
  ASSERT_FALSE(three.empty());
  EXPECT_EQ(eight.substr(0, three.size()), three);
  // ... and a different seed gives different replications.
  ASSERT_EQ(test::run_drilltwin({"run", "scenarios/desk_mmc.yaml", "-r", "3", "--seed", "99", "-q", "--out", tmp / "other"})
                .exit_status,
            0);
  EXPECT_NE(test::read_file(tmp / "other/replications.csv"), three);
}

}  // namespace
}  // namespace dt
