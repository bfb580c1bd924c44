#include "version.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv)
{
  CLI::App app{"flowctl: Verifik project flows in git"};
  app.set_version_flag("--version", flowctl::k_version);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
