# Every dependency is a Debian package; a missing one stops configuration with the
# name of the package to install (tools/install-deps.sh installs them all).
function(spendcast_require package debian)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR
      "spendcast: ${package} not found. Install the Debian package '${debian}' "
      "(apt-get install ${debian}), or run tools/install-deps.sh.")
  endif()
endfunction()

spendcast_require(Eigen3 libeigen3-dev 3.3 NO_MODULE)
spendcast_require(TBB libtbb-dev)
spendcast_require(Boost libboost-program-options-dev 1.74 COMPONENTS program_options)
spendcast_require(tomlplusplus libtomlplusplus-dev)
# toml++ from its headers (TOML_HEADER_ONLY=1) instead of Debian's shared library: the
# sanitizer and fuzz builds turn this on so that its parser is instrumented too.
option(SPENDCAST_TOML_HEADER_ONLY "Compile toml++ from its headers instead of linking it" OFF)
add_library(spendcast_toml INTERFACE)
if(SPENDCAST_TOML_HEADER_ONLY)
  get_target_property(toml_include tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
  target_include_directories(spendcast_toml SYSTEM INTERFACE ${toml_include})
  target_compile_definitions(spendcast_toml INTERFACE TOML_HEADER_ONLY=1)
else()
  target_link_libraries(spendcast_toml INTERFACE tomlplusplus::tomlplusplus)
endif()
spendcast_require(nlohmann_json nlohmann-json3-dev 3.10)
spendcast_require(fmt libfmt-dev)
spendcast_require(Threads libc6-dev)

# MPI (Open MPI: libopenmpi-dev and openmpi-bin) lets `mpirun -n R spendcast run` split a
# run's paths across ranks (docs/SCALING.md). On by default when found; without it the
# program is built for one process and says so when started as several ranks.
find_package(MPI COMPONENTS CXX QUIET)
option(SPENDCAST_MPI "Build MPI support (mpirun -n R spendcast run/compare)" ${MPI_CXX_FOUND})
if(SPENDCAST_MPI AND NOT MPI_CXX_FOUND)
  message(FATAL_ERROR "spendcast: SPENDCAST_MPI is ON but MPI was not found. Install the "
                      "Debian packages 'libopenmpi-dev openmpi-bin', or configure with "
                      "-DSPENDCAST_MPI=OFF.")
endif()

# Boost.Math is header-only (libboost-dev).
find_path(BOOST_MATH_INCLUDE_DIR boost/math/distributions/normal.hpp)
if(NOT BOOST_MATH_INCLUDE_DIR)
  message(FATAL_ERROR "spendcast: Boost.Math headers not found. Install 'libboost-dev'.")
endif()

if(SPENDCAST_BUILD_TESTS)
  spendcast_require(GTest libgtest-dev)
  # Random123 (headers only, without a CMake config): the engine has its own ARS;
  # tests/random checks it against Random123's.
  find_path(RANDOM123_INCLUDE_DIR Random123/ars.h)
  if(NOT RANDOM123_INCLUDE_DIR)
    message(FATAL_ERROR "spendcast: Random123 not found. Install the Debian package "
                        "'librandom123-dev', or run tools/install-deps.sh.")
  endif()
  add_library(Random123::Random123 INTERFACE IMPORTED)
  set_target_properties(Random123::Random123 PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${RANDOM123_INCLUDE_DIR}")
endif()
if(SPENDCAST_BUILD_BENCH)
  spendcast_require(benchmark libbenchmark-dev)
endif()
