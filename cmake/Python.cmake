# The Python module `spendcast` (python/, docs/PYTHON.md): built when pybind11 is found
# (Debian: pybind11-dev, python3-pybind11), unless SPENDCAST_BUILD_PYTHON is OFF.
# (The option's default is computed fresh in a new build folder only: an existing cache
# keeps its value.)
# Debian's /usr/bin/python3 is preferred (it has NumPy and pandas; a pyenv python3 first on
# PATH may not); -DPython_EXECUTABLE=... picks another.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3)
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(Python COMPONENTS Interpreter Development.Module QUIET)
if(Python_FOUND)
  find_package(pybind11 CONFIG QUIET)
endif()
# Not in the sanitizer builds (asan, fuzz): a sanitized extension cannot be loaded into an
# unsanitized Python, and the release build tests the module.
set(spendcast_python_default OFF)
if(Python_FOUND AND pybind11_FOUND AND NOT CMAKE_CXX_FLAGS MATCHES "fsanitize")
  set(spendcast_python_default ON)
endif()
option(SPENDCAST_BUILD_PYTHON "Build the Python module spendcast (needs pybind11)"
       ${spendcast_python_default})
if(SPENDCAST_BUILD_PYTHON)
  if(NOT pybind11_FOUND)
    message(FATAL_ERROR "spendcast: SPENDCAST_BUILD_PYTHON is ON but pybind11 was not found. "
                        "Install the Debian packages 'pybind11-dev python3-pybind11 python3-dev'.")
  endif()
  # The module links the engine's static libraries into a shared object: their code must
  # be position-independent. Without semantic interposition the compiler optimises -fPIC
  # code as it does the executables' default -fPIE (calls within the engine stay direct).
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-fno-semantic-interposition)
  endif()
  message(STATUS "spendcast: Python module for ${Python_EXECUTABLE} (pybind11 ${pybind11_VERSION})")
else()
  message(STATUS "spendcast: no Python module (SPENDCAST_BUILD_PYTHON=OFF: off by default "
                 "without pybind11 and Python's development files, and in sanitizer builds)")
endif()
