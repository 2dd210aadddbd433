#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace spendcast::cli {

/// Thrown on every rank whose part succeeded when another rank's part of the command
/// failed: what() is the message rank 0 prints, code() the exit status every rank returns
/// (the failing rank's).
class RankFailed : public std::runtime_error {
 public:
  RankFailed(const std::string& message, int code) : std::runtime_error(message), code_(code) {}
  /// The failing rank's exit status.
  int code() const { return code_; }

 private:
  int code_;
};

/// The number of ranks the launcher (mpirun, srun) says this process's job has, from the
/// environment (OMPI_COMM_WORLD_SIZE, PMI_SIZE); 1 when started alone.
int launched_ranks();

/// This process's rank as the launcher numbers it (OMPI_COMM_WORLD_RANK, PMI_RANK); 0 when
/// started alone. Known even without MPI support: only that rank says why it cannot run.
int launched_rank();

/// Whether this program was built with MPI support (CMake option SPENDCAST_MPI).
bool mpi_built();

/// The MPI job this process is one rank of, joined for the life of the object (main holds
/// one): MPI_Init when the launcher started more than one rank (launched_ranks()) or
/// names a PMIx rank (PMIX_RANK: srun --mpi=pmix), MPI_Finalize at the end. Outside such a job, or
/// built without MPI, it does nothing and the process is rank 0 of 1. The library never calls MPI;
/// only the CLI does, here.
class RankSession {
 public:
  RankSession();
  ~RankSession();
  RankSession(const RankSession&) = delete;
  RankSession& operator=(const RankSession&) = delete;

  /// Called by main after the command returned `code` on this rank, with what it wrote
  /// on stderr: when the command failed before its ranks agreed (gather_on_root), this
  /// rank joins that agreement as failed, so that no rank waits for it. Returns the exit
  /// status this rank ends with.
  int finish(int code, const std::string& error_text);
};

/// This process's rank: 0 outside an MPI job.
int world_rank();
/// The ranks of the job: 1 outside an MPI job.
int world_size();

/// Collective, once per command, on every rank: the ranks agree that their parts
/// succeeded, then rank 0 receives every rank's `bytes` in rank order (its own first); the
/// other ranks get an empty vector. When a rank failed (it joined through
/// RankSession::finish), throws RankFailed instead on every rank that got here. Outside
/// an MPI job: returns {bytes}.
std::vector<std::string> gather_on_root(const std::string& bytes);

}  // namespace spendcast::cli
