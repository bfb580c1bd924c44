#include "apply/confirmation.hpp"
#include "apply/interrupt_guard.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <csignal>
#include <string>

using flowctl::apply::Answer;

namespace {

// Feeds `input` to ask_confirmation through a pipe and keeps the prompt.
struct Exchange {
  Answer answer = Answer::no;
  std::string prompt;
};

std::string drain(int fd)
{
  std::string text;
  char buffer[256];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

Exchange ask(const std::string& input, std::size_t flows = 3)
{
  int in[2];
  int out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);
  REQUIRE(write(in[1], input.data(), input.size()) ==
          static_cast<ssize_t>(input.size()));
  close(in[1]);

  std::atomic<bool> stop{false};
  Exchange result;
  result.answer = flowctl::apply::ask_confirmation(flows, in[0], out[1], stop);
  close(out[1]);
  result.prompt = drain(out[0]);
  close(in[0]);
  close(out[0]);
  return result;
}

} // namespace

TEST_CASE("the prompt names the number of flows and the one accepted word")
{
  CHECK(ask("yes\n").prompt ==
        "Apply these changes to 3 flows? Only 'yes' is accepted: ");
  CHECK(ask("yes\n", 1).prompt ==
        "Apply these changes to 1 flow? Only 'yes' is accepted: ");
}

TEST_CASE("only the exact word yes approves")
{
  CHECK(ask("yes\n").answer == Answer::yes);
  CHECK(ask("yes\r\n").answer == Answer::yes);
  CHECK(ask("yes").answer == Answer::yes);
  CHECK(ask("no\n").answer == Answer::no);
  CHECK(ask("y\n").answer == Answer::no);
  CHECK(ask("YES\n").answer == Answer::no);
  CHECK(ask(" yes\n").answer == Answer::no);
  CHECK(ask("yes please\n").answer == Answer::no);
  CHECK(ask("\nyes\n").answer == Answer::no);
  CHECK(ask("").answer == Answer::no);
  CHECK(ask("yes" + std::string(300, 's') + "\n").answer == Answer::no);
}

TEST_CASE("a signal while waiting for the answer interrupts the question")
{
  flowctl::apply::InterruptGuard guard;
  int in[2];
  int out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);

  // The alarm lands while read() waits on a pipe nobody writes to.
  struct sigaction alarm_action {};
  alarm_action.sa_handler = [](int) { std::raise(SIGINT); };
  sigemptyset(&alarm_action.sa_mask);
  struct sigaction old_alarm {};
  sigaction(SIGALRM, &alarm_action, &old_alarm);
  alarm(1);
  auto answer =
      flowctl::apply::ask_confirmation(2, in[0], out[1], guard.flag());
  sigaction(SIGALRM, &old_alarm, nullptr);

  CHECK(answer == Answer::interrupted);
  CHECK(guard.requested());
  for (int fd : {in[0], in[1], out[0], out[1]}) {
    close(fd);
  }
}
