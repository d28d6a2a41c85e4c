// The `veil` command line. Each subcommand parses its options, calls the library and
// prints a short summary; errors are one line on stderr and a non-zero exit status.
// SIGINT and SIGTERM end the run like an error (cli/interrupts.h): exit 130 or 143. An
// exception that escapes a command (a bug, or memory running out) is a one-line error and
// exit 1, never an abort.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <new>

#include "cli/anonymise_command.h"
#include "cli/hierarchy_command.h"
#include "cli/interrupts.h"
#include "cli/risk_command.h"
#include "cli/verify_command.h"
#include "veil/version.h"

int main(int argc, char** argv) {
  // First: from here on SIGINT and SIGTERM end the run like an error (exit 130 / 143).
  auto interrupts = veil::Interrupts::Start();
  if (!interrupts.ok()) {
    std::fprintf(stderr, "veil: error: %s\n", interrupts.status().message().c_str());
    return 1;
  }
  veil::PublishGate& gate = **interrupts;
  CLI::App app{"veil: anonymise, scramble, generalise and verify data about people"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("veil {}", veil::kVersion));
  int exit_code = 0;
  veil::AddAnonymiseCommand(app, exit_code, gate);
  veil::AddVerifyCommand(app, exit_code, gate);
  veil::AddRiskCommand(app, exit_code, gate);
  veil::AddHierarchyCommand(app, exit_code, gate);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::bad_alloc&) {
    // Unwinding destroyed every uncommitted sink: nothing was published.
    std::fprintf(stderr, "veil: error: out of memory (output not yet published was removed)\n");
    return 1;
  } catch (const std::exception&) {
    // A bug, not an input error. what() may quote data (a JSON parser's last token), so it
    // is not shown.
    std::fprintf(stderr,
                 "veil: internal error: an unexpected exception stopped the run (output not yet "
                 "published was removed)\n");
    return 1;
  }
  return exit_code;
}
