#pragma once

#include <string>
#include <vector>

namespace flowctl::testing {

// A verifik-sandbox started on a free loopback port for the life of a test.
// The constructor returns once the sandbox prints its "listening on" line.
class SandboxProcess {
public:
  explicit SandboxProcess(std::vector<std::string> args = {});
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  int port() const { return m_port; }
  int pid() const { return m_pid; }
  std::string url() const;

  // Sends SIGKILL and waits, as a crash would.
  void kill_hard();

private:
  void stop();

  int m_pid = -1;
  int m_port = 0;
};

// The seed every test starts from unless it brings its own.
std::string example_seed_path();

// A fresh directory under the system temp dir, removed by the caller.
std::string make_temp_dir();

} // namespace flowctl::testing
