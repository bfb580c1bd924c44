#include "apply/outcome.hpp"
#include "apply/summary.hpp"

#include <doctest/doctest.h>

using namespace flowctl;
using apply::FlowOutcome;
using apply::Outcome;

namespace {

FlowOutcome make(std::string id, std::string file, Outcome outcome)
{
  FlowOutcome flow;
  flow.id = std::move(id);
  flow.file = std::move(file);
  flow.outcome = outcome;
  return flow;
}

} // namespace

TEST_CASE("the summary aligns one row per flow and ends with the totals")
{
  auto applied = make("project_flow_1", "flows/a.yaml", Outcome::applied);
  applied.changed_paths = {"status", "configuration.phoneVerification.method"};
  auto unchanged = make("p2", "flows/b.yaml", Outcome::unchanged);
  auto failed = make("project_flow_3", "flows/c.yaml", Outcome::failed);
  failed.error =
      plan::FlowError{400, "INVALID_CONFIGURATION", "Invalid configuration"};

  CHECK(apply::render_summary({applied, unchanged, failed}) ==
        "  applied    project_flow_1  flows/a.yaml  (2 changes)\n"
        "  unchanged  p2              flows/b.yaml\n"
        "  failed     project_flow_3  flows/c.yaml  HTTP 400 "
        "INVALID_CONFIGURATION: Invalid configuration\n"
        "Apply: 1 applied, 1 unchanged, 1 failed.\n");
}

TEST_CASE("an unchanged row keeps its file column")
{
  auto text =
      apply::render_summary({make("a", "flows/a.yaml", Outcome::unchanged)});
  CHECK(text == "  unchanged  a  flows/a.yaml\n"
                "Apply: 0 applied, 1 unchanged, 0 failed.\n");
}

TEST_CASE("one change is counted in the singular")
{
  auto flow = make("a", "f.yaml", Outcome::applied);
  flow.changed_paths = {"status"};
  CHECK(apply::render_summary({flow}).find("(1 change)\n") !=
        std::string::npos);
}

TEST_CASE("cancelled flows are named and counted only when present")
{
  auto text = apply::render_summary({make("a", "f.yaml", Outcome::cancelled),
                                     make("b", "f.yaml", Outcome::applied)});
  CHECK(text.find("  cancelled  a  f.yaml  (not sent)\n") != std::string::npos);

  auto sent = make("c", "f.yaml", Outcome::cancelled);
  sent.error = plan::FlowError{503, "CANCELLED",
                               "sent, answered HTTP 503, and not retried"};
  CHECK(apply::render_summary({sent}).find(
            "  cancelled  c  f.yaml  (sent, answered HTTP 503, and not "
            "retried)\n") != std::string::npos);
  CHECK(text.find("Apply: 1 applied, 0 unchanged, 0 failed, 1 cancelled.\n") !=
        std::string::npos);
}

TEST_CASE("a convergence failure reads as our words, not an HTTP error")
{
  auto flow = make("a", "f.yaml", Outcome::failed);
  flow.error = plan::FlowError{200, apply::k_not_converged_code,
                               "did not converge: status"};
  CHECK(flow.reason() == "did not converge: status");
  CHECK(apply::render_summary({flow}).find("  f.yaml  did not converge: "
                                           "status\n") != std::string::npos);
}

TEST_CASE("control characters from a server cannot reach the terminal")
{
  auto flow = make("a", "f.yaml", Outcome::failed);
  flow.error = plan::FlowError{500, "", "bad\x1b[2Jthing\nnext"};
  auto text = apply::render_summary({flow});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("bad\\x1b[2Jthing\\x0anext") != std::string::npos);
}

TEST_CASE("count_outcomes counts each outcome")
{
  auto totals = apply::count_outcomes(
      {make("a", "", Outcome::applied), make("b", "", Outcome::applied),
       make("c", "", Outcome::failed), make("d", "", Outcome::cancelled),
       make("e", "", Outcome::unchanged)});
  CHECK(totals.applied == 2);
  CHECK(totals.unchanged == 1);
  CHECK(totals.failed == 1);
  CHECK(totals.cancelled == 1);
}
