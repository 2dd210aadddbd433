#include <tbb/global_control.h>

#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "dispatch.hpp"
#include "sim/simulate.hpp"

int main(int argc, char** argv) {
  // The process's TBB worker limit is the program's, not the library's: allow as many
  // workers as any --threads may ask for; each simulation runs in a task_arena of its count.
  const tbb::global_control workers(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(spendcast::max_useful_threads()));
  std::vector<std::string> args(argv + 1, argv + argc);
  return spendcast::cli::dispatch(args, std::cout, std::cerr);
}
