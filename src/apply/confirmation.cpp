#include "apply/confirmation.hpp"

#include <unistd.h>

#include <cerrno>

namespace flowctl::apply {

namespace {

// An answer longer than this is not "yes" whatever follows.
constexpr std::size_t k_max_answer = 256;

void write_all(int fd, const std::string& text)
{
  std::size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return;
    }
    done += static_cast<std::size_t>(n);
  }
}

} // namespace

std::string confirmation_prompt(std::size_t flows)
{
  return "Apply these changes to " + std::to_string(flows) +
         (flows == 1 ? " flow" : " flows") + "? Only 'yes' is accepted: ";
}

Answer ask_confirmation(std::size_t flows, int in_fd, int out_fd,
                        const std::atomic<bool>& stop)
{
  write_all(out_fd, confirmation_prompt(flows));

  // One byte at a time, so nothing past the answer's line is consumed.
  std::string line;
  char byte = 0;
  while (true) {
    auto n = ::read(in_fd, &byte, 1);
    if (stop.load()) {
      return Answer::interrupted;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0 || byte == '\n') {
      break;
    }
    if (line.size() < k_max_answer) {
      line += byte;
    }
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line == "yes" ? Answer::yes : Answer::no;
}

} // namespace flowctl::apply
