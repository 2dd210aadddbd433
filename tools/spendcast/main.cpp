#include <iostream>
#include <string>
#include <vector>

#include "dispatch.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return spendcast::cli::dispatch(args, std::cout, std::cerr);
}
