#include <tbb/global_control.h>

#include <cstddef>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "dispatch.hpp"
#include "ranks.hpp"
#include "sim/simulate.hpp"

int main(int argc, char** argv) {
  // The process's TBB worker limit is the program's, not the library's: allow as many
  // workers as any --threads may ask for; each simulation runs in a task_arena of its count.
  const tbb::global_control workers(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(spendcast::sim::max_useful_threads()));
  const std::vector<std::string> args(argv + 1, argv + argc);
  spendcast::cli::RankSession ranks;  // joins the MPI job when started as one of its ranks
  if (spendcast::cli::world_rank() == 0)
    return ranks.finish(spendcast::cli::dispatch(args, std::cout, std::cerr), "");
  // The other ranks print nothing: rank 0 speaks for the job, and for a rank that failed.
  std::ostringstream out, err;
  const int code = spendcast::cli::dispatch(args, out, err);
  return ranks.finish(code, err.str());
}
