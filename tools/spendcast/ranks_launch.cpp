#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <string>

#include "ranks.hpp"

namespace spendcast::cli {

namespace {

/// The first of the environment variables `names` that holds a whole number >= 0, or
/// `otherwise`.
int launcher_number(std::initializer_list<const char*> names, int otherwise) {
  for (const char* name : names) {
    const char* value = std::getenv(name);
    if (value == nullptr) continue;
    try {
      std::size_t used = 0;
      const int number = std::stoi(value, &used);
      if (used == std::string(value).size() && number >= 0) return number;
    } catch (const std::exception&) {
      // not a number: not a launcher's
    }
  }
  return otherwise;
}

}  // namespace

// Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE and _RANK; MPICH's Hydra and Slurm's
// srun --mpi=pmi2 set PMI_SIZE and PMI_RANK.
int launched_ranks() {
  return std::max(launcher_number({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}, 1), 1);
}

int launched_rank() {
  return launcher_number({"OMPI_COMM_WORLD_RANK", "PMI_RANK"}, 0);
}

}  // namespace spendcast::cli
