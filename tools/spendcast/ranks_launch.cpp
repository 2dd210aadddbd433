#include <cstdlib>
#include <string>

#include "ranks.hpp"

namespace spendcast::cli {

int launched_ranks() {
  // Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE; MPICH's Hydra and Slurm's srun --mpi=pmi2
  // set PMI_SIZE.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* value = std::getenv(name);
    if (value == nullptr) continue;
    try {
      const int ranks = std::stoi(value);
      if (ranks >= 1) return ranks;
    } catch (const std::exception&) {
      // not a number: not a launcher's
    }
  }
  return 1;
}

}  // namespace spendcast::cli
