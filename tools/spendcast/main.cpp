#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "dispatch.hpp"
#include "ranks.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  spendcast::cli::RankSession ranks;  // joins the MPI job when started as one of its ranks
  if (spendcast::cli::world_rank() == 0)
    return ranks.finish(spendcast::cli::dispatch(args, std::cout, std::cerr), "");
  // The other ranks print nothing: rank 0 speaks for the job, and for a rank that failed.
  std::ostringstream out, err;
  const int code = spendcast::cli::dispatch(args, out, err);
  return ranks.finish(code, err.str());
}
