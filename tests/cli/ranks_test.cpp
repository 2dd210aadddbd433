#include "ranks.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;
using testing::test_folder;

/// Sets an environment variable for the life of the object (the launcher's, here).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

TEST(Ranks, AProcessStartedAloneIsRankZeroOfOne) {
  EXPECT_EQ(launched_ranks(), 1);
  EXPECT_EQ(world_rank(), 0);
  EXPECT_EQ(world_size(), 1);
  EXPECT_EQ(gather_on_root("state"), std::vector<std::string>{"state"});
}

TEST(Ranks, TheLauncherSaysHowManyRanks) {
  {
    ScopedEnv open_mpi("OMPI_COMM_WORLD_SIZE", "3");
    EXPECT_EQ(launched_ranks(), 3);
  }
  {
    ScopedEnv pmi("PMI_SIZE", "4");
    EXPECT_EQ(launched_ranks(), 4);
  }
  {
    ScopedEnv rank("OMPI_COMM_WORLD_RANK", "2");
    EXPECT_EQ(launched_rank(), 2);
  }
  EXPECT_EQ(launched_rank(), 0);
  ScopedEnv garbage("PMI_SIZE", "3 ranks");
  EXPECT_EQ(launched_ranks(), 1);
}

// A process the launcher counts as one of 3 ranks, but that is not one of an MPI job's
// (a build without MPI support under mpirun), refuses to run the whole run on its own:
// exit 2, saying why, nothing written.
TEST(Ranks, ARankOutsideItsMpiJobRefusesToRun) {
  const auto dir = test_folder("ranks");
  ScopedEnv open_mpi("OMPI_COMM_WORLD_SIZE", "3");
  const auto r = call({"run", SPENDCAST_SOURCE_DIR "/scenarios/baseline.toml", "--paths", "100",
                       "--json", (dir / "out.json").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("spendcast run: started as 3 ranks (mpirun or srun), but "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(mpi_built() ? "has not joined the MPI job" : "MPI support is not built"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
  // The other ranks refuse too, silently: the job shows one message.
  ScopedEnv rank("OMPI_COMM_WORLD_RANK", "1");
  const auto other = call({"run", SPENDCAST_SOURCE_DIR "/scenarios/baseline.toml"});
  EXPECT_EQ(other.code, 2);
  EXPECT_EQ(other.err, "");
}

}  // namespace
}  // namespace spendcast::cli
