# Warnings and code-generation flags for the project's own targets (not dependencies).
add_library(spendcast_warnings INTERFACE)
target_compile_options(spendcast_warnings INTERFACE -Wall -Wextra -Wpedantic)
# GCC 12 reports -Wrestrict inside libstdc++'s std::string concatenation at -O2 and above,
# a known false positive (GCC bug 105329, fixed in GCC 13).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(spendcast_warnings INTERFACE -Wno-restrict)
endif()
if(SPENDCAST_WERROR)
  target_compile_options(spendcast_warnings INTERFACE -Werror)
endif()

# Floating point: no contraction of a*b+c into FMA behind the code's back, so that a loop's
# vectorised body and its scalar remainder round identically (results must not depend on
# a value's position in a block: docs/MODEL.md §6). Explicit SIMD code (Eigen) may
# still use FMA, the same way on every lane.
target_compile_options(spendcast_warnings INTERFACE -ffp-contract=off)

# The instruction set: x86-64-v3 (AVX2, FMA; every x86-64 server since about 2015) by
# default; set SPENDCAST_ARCH to "" for the baseline x86-64, or to "native".
set(SPENDCAST_ARCH "x86-64-v3" CACHE STRING "-march value for the project's code ('' for none)")
if(SPENDCAST_ARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_compile_options(spendcast_warnings INTERFACE -march=${SPENDCAST_ARCH})
endif()
