// The `veil` command line. Each subcommand parses its options (the shared ones through
// cli/shared_options.h), calls the library and prints a short summary; a problem is one
// `veil: ` line on stderr (cli/error_printer.h) and the exit status of cli/exit_codes.h:
// 2 for a bad command line, 1 for a failed run.
// SIGINT and SIGTERM end the run like an error (cli/interrupts.h): exit 130 or 143. An
// exception that escapes a command (a bug, or memory running out) is a one-line error and
// exit 1, never an abort.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <new>

#include "cli/anonymise_command.h"
#include "cli/error_printer.h"
#include "cli/exit_codes.h"
#include "cli/generate_command.h"
#include "cli/hierarchy_command.h"
#include "cli/interrupts.h"
#include "cli/password_redaction.h"
#include "cli/risk_command.h"
#include "cli/scan_command.h"
#include "cli/verify_command.h"
#include "veil/version.h"

int main(int argc, char** argv) {
  // First: from here on SIGINT and SIGTERM end the run like an error (exit 130 / 143).
  auto interrupts = veil::Interrupts::Start();
  if (!interrupts.ok()) return veil::FailRun(interrupts.status().message());
  veil::PublishGate& gate = **interrupts;
  CLI::App app{"veil: anonymise, scramble, generalise and verify data about people"};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("veil {}", veil::kVersion));
  int exit_code = veil::kExitOk;
  veil::AddAnonymiseCommand(app, exit_code, gate);
  veil::AddVerifyCommand(app, exit_code, gate);
  veil::AddRiskCommand(app, exit_code, gate);
  veil::AddHierarchyCommand(app, exit_code, gate);
  veil::AddScanCommand(app, exit_code, gate);
  veil::AddGenerateCommand(app, exit_code, gate);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end parsing too, with exit code 0: CLI11 prints them.
    if (e.get_exit_code() == 0) return app.exit(e);
    // CLI11 quotes the argument it rejects: a database URI there may hold a password.
    return veil::FailUsage(fmt::format("{} (see --help)", veil::WithoutPasswords(e.what())));
  } catch (const std::bad_alloc&) {
    // Unwinding destroyed every uncommitted sink: nothing was published.
    return veil::FailRun("out of memory (output not yet published was removed)");
  } catch (const std::exception&) {
    // A bug, not an input error. what() may quote data (a JSON parser's last token), so it
    // is not shown.
    return veil::FailInternally(
        "an unexpected exception stopped the run (output not yet published was removed)");
  }
  return exit_code;
}
