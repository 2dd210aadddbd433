// Built when MPI support is not (SPENDCAST_MPI=OFF or no MPI found): every process is rank
// 0 of 1; main refuses a launch of more ranks (mpi_built()).
#include "ranks.hpp"

namespace spendcast::cli {

bool mpi_built() {
  return false;
}

RankSession::RankSession() = default;

RankSession::~RankSession() = default;

int RankSession::finish(int code, const std::string&) {
  return code;
}

int world_rank() {
  return 0;
}

int world_size() {
  return 1;
}

std::vector<std::string> gather_on_root(const std::string& bytes) {
  return {bytes};
}

}  // namespace spendcast::cli
