#include "support/sandbox_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace flowctl::testing {

SandboxProcess::SandboxProcess(std::vector<std::string> args)
{
  int out[2];
  if (pipe(out) != 0) {
    throw std::runtime_error("pipe failed");
  }

  std::vector<std::string> argv_storage{FLOWCTL_SANDBOX_BIN, "--port", "0"};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());

  m_pid = fork();
  if (m_pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (m_pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& arg : argv_storage) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);

  // Read the first line byte by byte so nothing after it is swallowed.
  std::string line;
  char c = 0;
  while (read(out[0], &c, 1) == 1 && c != '\n') {
    line.push_back(c);
  }
  close(out[0]);

  const std::string prefix = "listening on 127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) {
    stop();
    throw std::runtime_error("sandbox did not start: '" + line + "'");
  }
  m_port = std::stoi(line.substr(prefix.size()));
}

SandboxProcess::~SandboxProcess()
{
  stop();
}

std::string SandboxProcess::url() const
{
  return "http://127.0.0.1:" + std::to_string(m_port);
}

void SandboxProcess::kill_hard()
{
  if (m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }
}

void SandboxProcess::stop()
{
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }
}

std::string example_seed_path()
{
  return std::string(FLOWCTL_SOURCE_DIR) + "/examples/sandbox/flows.json";
}

std::string make_temp_dir()
{
  std::string pattern = "/tmp/flowctl-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed");
  }
  return pattern;
}

} // namespace flowctl::testing
