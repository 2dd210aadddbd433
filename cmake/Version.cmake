# The engine version and, when the tree is a git checkout, its revision, in
# generated/version.hpp (cmake/WriteVersion.cmake): written now, and refreshed at every
# build by the spendcast_version target (the CLI depends on it).
find_package(Git QUIET)
set(SPENDCAST_VERSION_HEADER "${CMAKE_CURRENT_BINARY_DIR}/generated/version.hpp")
set(SOURCE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
set(OUTPUT "${SPENDCAST_VERSION_HEADER}")
include("${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteVersion.cmake")
add_custom_target(spendcast_version
  COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR}"
          "-DOUTPUT=${SPENDCAST_VERSION_HEADER}" "-DPROJECT_VERSION=${PROJECT_VERSION}"
          "-DGIT_EXECUTABLE=${GIT_EXECUTABLE}"
          -P "${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteVersion.cmake"
  BYPRODUCTS "${SPENDCAST_VERSION_HEADER}"
  VERBATIM)
