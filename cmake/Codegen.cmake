# Code-generation flags for the project's own targets (not dependencies): part of the
# results' semantics, not warnings. Every project target links spendcast_codegen, so the
# library, the program, the tests and the benchmarks compute bit for bit alike
# (docs/ARCHITECTURE.md, "Randomness and reproducibility").
add_library(spendcast_codegen INTERFACE)

# Floating point: no contraction of a*b+c into FMA behind the code's back, so that a loop's
# vectorised body and its scalar remainder round identically (results must not depend on
# a value's position in a block: docs/MODEL.md §6). Explicit SIMD code (Eigen) may
# still use FMA, the same way on every lane.
target_compile_options(spendcast_codegen INTERFACE -ffp-contract=off)

# The instruction set: x86-64-v3 (AVX2, FMA; every x86-64 server since about 2015) by
# default; set SPENDCAST_ARCH to "" for the baseline x86-64, or to "native".
set(SPENDCAST_ARCH "x86-64-v3" CACHE STRING "-march value for the project's code ('' for none)")
if(SPENDCAST_ARCH AND CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  target_compile_options(spendcast_codegen INTERFACE -march=${SPENDCAST_ARCH})
endif()
