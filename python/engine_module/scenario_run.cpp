#include "scenario_run.hpp"

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <sstream>
#include <thread>

#include "model/model.hpp"
#include "report/input_file.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/summary_table.hpp"
#include "run_information.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
#include "sim/simulate.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace py = pybind11;

namespace spendcast::python {

namespace {

/// run_forecast on its own thread while this one, holding the GIL only for that, checks
/// Python's signal handlers every 50 ms; a KeyboardInterrupt (or any exception a handler
/// raises) stops the workers and propagates once they are joined.
sim::ForecastRun run_interruptibly(const model::Model& model, sim::ForecastRunOptions options) {
  std::atomic<bool> stop{false};
  options.stop = &stop;
  std::optional<sim::ForecastRun> run;
  std::exception_ptr failure;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::thread worker([&] {
      try {
        run.emplace(sim::run_forecast(model, options));
      } catch (...) {
        failure = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      done = true;
      finished.notify_one();
    });
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      lock.unlock();
      {
        py::gil_scoped_acquire acquire;
        interrupted = PyErr_CheckSignals() != 0;  // leaves the exception set
      }
      lock.lock();
      if (interrupted) {
        stop.store(true);
        finished.wait(lock, [&] { return done; });
      }
    }
    lock.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();
  if (failure) std::rethrow_exception(failure);
  return std::move(*run);
}

}  // namespace

ResultData run_scenario(const RunRequest& request, std::string& notes) {
  cli::CommandLine line("run", "spendcast.run(scenario, *, paths, seed, threads, ...)");
  cli::add_simulation_options(line);
  const cli::ParsedOptions parsed = cli::parse_command_line(line, request.options);
  std::ostringstream note_stream;
  const int threads = cli::threads_option(line, parsed, note_stream);
  const std::vector<std::string> overrides = cli::scenario_overrides(line, parsed);
  scenario::LoadedScenario scenario =
      request.text ? scenario::load_scenario_text(*request.text, request.origin, overrides)
                   : scenario::load_scenario_file(request.origin, overrides);
  for (const auto& w : scenario.warnings) note_stream << w.to_string() << '\n';
  notes = note_stream.str();
  scenario.spec.overrides = cli::set_assignments(parsed);
  const scenario::ScenarioSpec& spec = scenario.spec;
  const model::Model model = model::compile_model(spec);
  sim::ForecastRunOptions options;
  options.paths = spec.simulation.paths;
  options.seed = spec.simulation.seed;
  options.threads = threads;
  options.accumulator.exact = request.exact;
  options.target_relative_se = request.target_relative_se;
  if (request.max_paths) options.max_paths = *request.max_paths;
  const sim::ForecastRun run = run_interruptibly(model, options);
  const report::RunInfo info =
      cli::run_info(spec, model, run.paths, run.threads, run.elapsed_s, options);
  const stats::Forecast forecast = run.accumulator.forecast();
  return ResultData{request.origin,
                    report::result_to_json(spec, info, run.accumulator).dump(1) + "\n",
                    report::result_to_csv(spec.name, spec.overrides, forecast),
                    report::summary_table(spec, info, forecast)};
}

ResultData load_result(const std::string& path, std::uint64_t max_bytes) {
  // The reader of read_result_file, keeping the text: the JSON is the file, byte for byte.
  return result_from_json(report::read_input_file(path, max_bytes, "result file"), path);
}

ResultData result_from_json(std::string text, const std::string& origin) {
  const report::ResultFile file = report::parse_result_text(text, origin);
  std::string csv = report::result_to_csv(file.scenario_name, {}, file.accumulator.forecast());
  return ResultData{origin, std::move(text), std::move(csv), std::nullopt};
}

}  // namespace spendcast::python
