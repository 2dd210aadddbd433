# Warnings for the project's own targets (not dependencies). They change no generated
# code; the flags that do are spendcast_codegen's (cmake/Codegen.cmake).
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
