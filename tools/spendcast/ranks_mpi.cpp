// Built with MPI support (SPENDCAST_MPI=ON): the CLI's only MPI calls.
#include <fmt/format.h>
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>

#include "ranks.hpp"

namespace spendcast::cli {

namespace {

// MPI is process-wide state: this is the CLI's view of it, touched only by RankSession and
// gather_on_root (main thread only).
bool joined = false;  ///< RankSession called MPI_Init
bool agreed = false;  ///< this command's ranks have agreed (one collective per command)
int rank = 0;
int size = 1;

/// Collective: every rank's exit status so far (0: its part succeeded), on every rank.
std::vector<int> agree(int code) {
  agreed = true;
  std::vector<int> codes(static_cast<std::size_t>(size));
  MPI_Allgather(&code, 1, MPI_INT, codes.data(), 1, MPI_INT, MPI_COMM_WORLD);
  return codes;
}

/// What a rank contributes to the agreement when its command ended, successfully, without
/// a part to gather (--help, say): the ranks still waiting for its part fail.
constexpr int ended_without_part = -1;

/// The lowest rank that failed, or -1.
int first_failed(const std::vector<int>& codes) {
  const auto it = std::find_if(codes.begin(), codes.end(), [](int c) { return c != 0; });
  return it == codes.end() ? -1 : static_cast<int>(it - codes.begin());
}

constexpr int tag_length = 1;
constexpr int tag_bytes = 2;
constexpr std::size_t chunk = std::size_t{1} << 30;  ///< MPI counts are ints

/// Sends `bytes` to rank 0 (its length, then chunks below 2^31).
void send_to_root(const std::string& bytes) {
  const std::uint64_t length = bytes.size();
  MPI_Send(&length, 1, MPI_UINT64_T, 0, tag_length, MPI_COMM_WORLD);
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    MPI_Send(bytes.data() + at, static_cast<int>(std::min(chunk, bytes.size() - at)), MPI_CHAR, 0,
             tag_bytes, MPI_COMM_WORLD);
}

/// Receives on rank 0 what `from` sent with send_to_root.
std::string receive_from(int from) {
  std::uint64_t length = 0;
  MPI_Recv(&length, 1, MPI_UINT64_T, from, tag_length, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  std::string bytes(length, '\0');
  for (std::size_t at = 0; at < bytes.size(); at += chunk)
    MPI_Recv(bytes.data() + at, static_cast<int>(std::min<std::size_t>(chunk, bytes.size() - at)),
             MPI_CHAR, from, tag_bytes, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

}  // namespace

bool mpi_built() {
  return true;
}

RankSession::RankSession() {
  // Slurm's srun --mpi=pmix says only PMIX_RANK: the job's size comes from MPI itself.
  if (launched_ranks() <= 1 && std::getenv("PMIX_RANK") == nullptr) return;
  int provided = 0;
  // Only the main thread calls MPI; TBB's workers never do.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  joined = true;
}

RankSession::~RankSession() {
  if (joined) MPI_Finalize();
}

int RankSession::finish(int code, const std::string& error_text) {
  if (!joined || agreed) return code;
  const std::vector<int> codes = agree(code == 0 ? ended_without_part : code);
  // Rank 0 prints the job's one message: its own, or that of the first rank that failed
  // (waiting in gather_on_root for it).
  if (rank != 0 && first_failed(codes) == rank) send_to_root(error_text);
  return code;
}

int world_rank() {
  return rank;
}

int world_size() {
  return size;
}

std::vector<std::string> gather_on_root(const std::string& bytes) {
  if (!joined) return {bytes};
  const std::vector<int> codes = agree(0);
  if (const int failed = first_failed(codes); failed >= 0) {
    // Here this rank succeeded, so rank 0 is the failed one or is here too.
    const std::string text = rank == 0 ? receive_from(failed) : std::string();
    throw RankFailed(rank == 0
                         ? fmt::format("spendcast: rank {} of {} failed (nothing written):\n{}",
                                       failed, size, text)
                         : std::string(),
                     std::max(codes[static_cast<std::size_t>(failed)], 1));
  }
  if (rank != 0) {
    send_to_root(bytes);
    return {};
  }
  std::vector<std::string> parts{bytes};
  for (int from = 1; from < size; ++from) parts.push_back(receive_from(from));
  return parts;
}

}  // namespace spendcast::cli
