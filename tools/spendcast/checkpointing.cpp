#include "checkpointing.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <limits>
#include <ostream>
#include <stdexcept>

#include "report/atomic_file.hpp"
#include "report/checkpoint.hpp"
#include "usage.hpp"

namespace spendcast::cli {

CheckpointWriter::CheckpointWriter(std::string path, double every_s, nlohmann::json scenario,
                                   report::RunInfo run, std::ostream& err)
    : path_(std::move(path)),
      every_s_(every_s),
      scenario_(std::move(scenario)),
      run_(std::move(run)),
      err_(&err),
      last_(std::chrono::steady_clock::now()) {}

void CheckpointWriter::operator()(const sim::CompletedPaths& done, bool stopping) {
  const auto now = std::chrono::steady_clock::now();
  if (!stopping && std::chrono::duration<double>(now - last_).count() < every_s_) return;
  report::write_file_atomically(path_,
                                report::checkpoint_to_json(scenario_, run_, done).dump() + "\n");
  last_ = std::chrono::steady_clock::now();
  if (stopping)
    fmt::print(*err_,
               "spendcast run: checkpoint {}: {} of {} paths done; to finish the run, repeat its "
               "command line with --resume {}\n",
               path_, done.accumulator.paths(), run_.shard ? run_.shard->range().paths : run_.paths,
               path_);
}

sim::CompletedPaths resume_from(const std::string& path, const nlohmann::json& scenario,
                                const report::RunInfo& run) {
  report::CheckpointFile checkpoint = [&] {
    try {
      // The run's own file, of any size (an --exact run's grows with its paths).
      return report::read_checkpoint_file(path, std::numeric_limits<std::uint64_t>::max());
    } catch (const std::runtime_error& e) {
      throw UsageError(fmt::format("spendcast run: --resume {}", e.what()));
    }
  }();
  const std::string mismatch = report::checkpoint_mismatch(checkpoint, scenario, run);
  if (!mismatch.empty())
    throw UsageError(
        fmt::format("spendcast run: --resume {}: not a checkpoint of this run: {}; resume with the "
                    "scenario, options and build the checkpoint was made with",
                    path, mismatch));
  // A writer killed mid-write (kill -9) left its temporary beside the checkpoint; the
  // checkpoint itself is whole, and that writer is gone: its leftovers go now, not at the
  // next checkpoint (which a short resumed run may never reach).
  report::remove_stale_temporaries(path);
  return std::move(checkpoint.done);
}

}  // namespace spendcast::cli
