#include "cli/cli.hpp"

int main(int argc, char** argv) { return passage::cli::run(argc, argv); }
