// Support for the publishing tests: starting the real `veil` binary as a child process
// that a test can kill at a moment of its choosing, and polling for a condition.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace veil::e2e {

// A `veil` process with stdout discarded and stderr written to `err_path`; killed
// (SIGKILL) and reaped when destroyed if still running.
class KillableVeil {
 public:
  KillableVeil(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
               const std::string& err_path = "/dev/null") {
    std::vector<std::string> strings{VEIL_BINARY};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<std::string> environment;
    for (char** e = environ; *e; ++e) environment.emplace_back(*e);
    for (const auto& [key, value] : env) environment.push_back(key + "=" + value);
    std::vector<char*> argv, envp;
    for (auto& s : strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : environment) envp.push_back(s.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    if (posix_spawn(&pid_, VEIL_BINARY, &actions, nullptr, argv.data(), envp.data()) != 0) {
      pid_ = -1;
      ADD_FAILURE() << "cannot start " << VEIL_BINARY;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  KillableVeil(const KillableVeil&) = delete;
  KillableVeil& operator=(const KillableVeil&) = delete;
  ~KillableVeil() {
    if (pid_ > 0) Kill();
  }

  // Kills the process (if it still runs) and reaps it.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    Wait();
  }
  // Waits for the process; its exit status, or 128 + the signal that ended it.
  int Wait() {
    int status = 0;
    while (pid_ > 0 && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
};

// Polls `done` every 20 ms until it holds or `limit` passes; returns its last answer.
inline bool PollUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= end) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace veil::e2e
