# Writes generated/version.hpp: the engine version and, when the tree is a git checkout,
# the revision it is built from ("-modified" after it when tracked files have uncommitted
# changes). Run at configure time and again by the spendcast_version
# target at every build, so that `spendcast --version` never names a stale revision;
# configure_file leaves the header untouched (no rebuild) while the revision is the same.
# Inputs: SOURCE_DIR, OUTPUT, PROJECT_VERSION, GIT_EXECUTABLE (may be empty).
set(SPENDCAST_GIT_REVISION "")
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE SPENDCAST_GIT_REVISION
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  # A build of a tree with uncommitted changes to tracked files is not that revision's.
  execute_process(
    COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE uncommitted
    ERROR_QUIET)
  if(SPENDCAST_GIT_REVISION AND NOT uncommitted STREQUAL "")
    string(APPEND SPENDCAST_GIT_REVISION "-modified")
  endif()
endif()
configure_file("${SOURCE_DIR}/cmake/version.hpp.in" "${OUTPUT}" @ONLY)
