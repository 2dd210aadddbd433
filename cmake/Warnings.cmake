# Warnings for the project's own targets (not for dependencies).
add_library(spendcast_warnings INTERFACE)
target_compile_options(spendcast_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(SPENDCAST_WERROR)
  target_compile_options(spendcast_warnings INTERFACE -Werror)
endif()
