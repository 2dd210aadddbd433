// spendcast._engine: the engine for the Python package spendcast (python/spendcast/,
// docs/PYTHON.md). Everything here calls the engine's and the CLI's own functions; the
// Python side turns their texts (result JSON, tidy CSV, tables) into objects and DataFrames.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "analysis/result_input.hpp"
#include "cli_call.hpp"
#include "interrupt.hpp"
#include "report/atomic_file.hpp"
#include "report/result_json.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario_run.hpp"
#include "usage.hpp"

namespace py = pybind11;

namespace spendcast::python {
namespace {

/// A diagnostic as a dict for spendcast.errors.Diagnostic.
py::dict diagnostic_dict(const scenario::Diagnostic& d) {
  py::dict out;
  out["file"] = d.where.origin;
  out["line"] = d.where.line;
  out["column"] = d.where.column;
  out["message"] = d.message;
  out["severity"] = d.severity == scenario::Diagnostic::Severity::error ? "error" : "warning";
  out["text"] = d.to_string();
  return out;
}

/// Raises the Python exception spendcast.errors.NAME(ARGS...).
template <typename... Args>
void set_python_error(const char* name, Args&&... args) {
  const py::object type = py::module_::import("spendcast.errors").attr(name);
  const py::object error = type(std::forward<Args>(args)...);
  PyErr_SetObject(type.ptr(), error.ptr());
}

/// What `read` returns; the checked reader's std::runtime_error (a file that is not a
/// result, corrupt, truncated, too large) raised as spendcast.errors.ResultFileError.
template <typename Read>
ResultData read_checked(Read read) {
  try {
    return read();
  } catch (const std::runtime_error& e) {
    set_python_error("ResultFileError", std::string(e.what()));
    throw py::error_already_set();
  }
}

/// The CLI's exceptions as Python's: a scenario's problems as ScenarioError with its
/// diagnostics, a usage mistake as ValueError, Ctrl-C as KeyboardInterrupt.
void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const scenario::ScenarioError& e) {
    py::list diagnostics;
    std::string text;
    for (const scenario::Diagnostic& d : e.diagnostics()) {
      diagnostics.append(diagnostic_dict(d));
      text += (text.empty() ? "" : "\n") + d.to_string();
    }
    set_python_error("ScenarioError", text, diagnostics);
  } catch (const cli::Interrupted&) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
  } catch (const cli::UsageError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const report::OutputPathError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  } catch (const cli::HelpRequested& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
  }
}

}  // namespace
}  // namespace spendcast::python

PYBIND11_MODULE(_engine, m) {
  using namespace spendcast;
  using namespace spendcast::python;
  m.doc() = "The spendcast engine (use the package spendcast, not this module).";
  py::register_exception_translator(translate);

  py::class_<ResultData>(m, "ResultData", "A result's texts: the CLI's JSON, CSV and table.")
      .def_readonly("origin", &ResultData::origin)
      .def_property_readonly("json", [](const ResultData& r) { return py::bytes(r.json); })
      .def_property_readonly("csv", [](const ResultData& r) { return py::bytes(r.csv); })
      .def_readonly("summary", &ResultData::summary);

  py::class_<RunRequest>(m, "RunRequest", "What spendcast.run asks for.")
      .def(py::init<>())
      .def_readwrite("origin", &RunRequest::origin)
      .def_readwrite("text", &RunRequest::text)
      .def_readwrite("options", &RunRequest::options)
      .def_readwrite("exact", &RunRequest::exact)
      .def_readwrite("target_relative_se", &RunRequest::target_relative_se)
      .def_readwrite("max_paths", &RunRequest::max_paths);

  m.def(
      "run",
      [](const RunRequest& request) {
        std::string notes;
        ResultData result = run_scenario(request, notes);
        return py::make_tuple(std::move(result), notes);
      },
      py::arg("request"),
      "Loads, validates and simulates a scenario as `spendcast run` does: (result, notes).");
  m.def(
      "load",
      [](const std::string& path, std::uint64_t max_bytes) {
        return read_checked([&] { return load_result(path, max_bytes); });
      },
      py::arg("path"), py::arg("max_bytes") = report::default_max_result_bytes,
      "Reads a result file with the engine's checked reader.");
  m.def(
      "result_from_json",
      [](const py::bytes& text, const std::string& origin) {
        return read_checked([&] { return result_from_json(std::string(text), origin); });
      },
      py::arg("text"), py::arg("origin"),
      "Reads a result JSON held in memory with the engine's checked reader.");
  m.def(
      "command",
      [](const std::string& name, const std::vector<std::string>& args) {
        const CommandOutput o = run_cli_command(name, args);
        return py::make_tuple(o.exit_code, py::bytes(o.out), o.err);
      },
      py::arg("name"), py::arg("args"),
      "Runs `spendcast NAME ARGS...` in this process: (exit code, stdout bytes, stderr).");
  m.def(
      "write_file",
      [](const std::string& path, const py::bytes& content) {
        report::write_file_atomically(path, std::string(content));
      },
      py::arg("path"), py::arg("content"),
      "Writes a file all or nothing (the CLI's atomic output writer).");
  m.attr("default_max_result_bytes") = report::default_max_result_bytes;
}
