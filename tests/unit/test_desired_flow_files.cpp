#include "desired/flow_files.hpp"
#include "test_desired_support.hpp"

#include <doctest/doctest.h>

using flowctl::desired::expand_flow_paths;
using flowctl::desired::FlowFiles;
using flowctl::desired::join_path;
using flowctl::desired::testing::TempTree;
using flowctl::desired::testing::WorkingDirectory;

namespace {

const std::string k_repo = FLOWCTL_SOURCE_DIR "/tests/fixtures/desired/repo";

std::vector<std::string> messages(const FlowFiles& found)
{
  std::vector<std::string> texts;
  for (const auto& error : found.errors) {
    texts.push_back(error.to_string());
  }
  return texts;
}

} // namespace

TEST_CASE("a directory stands for its yaml files, recursively and sorted")
{
  const auto found = expand_flow_paths({"flows"}, k_repo);
  CHECK(messages(found).empty());
  CHECK(found.files ==
        std::vector<std::string>{k_repo + "/flows/login.yaml",
                                 k_repo + "/flows/nested/kyc.yml",
                                 k_repo + "/flows/onboarding.yaml"});
}

TEST_CASE("paths are named relative to the working directory as given")
{
  WorkingDirectory inside(k_repo);
  const auto found = expand_flow_paths({"./flows/../flows/nested"}, ".");
  CHECK(messages(found).empty());
  CHECK(found.files == std::vector<std::string>{"flows/nested/kyc.yml"});
}

TEST_CASE("a glob picks the files it matches and expands directories")
{
  const auto files = expand_flow_paths({"flows/*.yaml"}, k_repo);
  CHECK(messages(files).empty());
  CHECK(files.files ==
        std::vector<std::string>{k_repo + "/flows/login.yaml",
                                 k_repo + "/flows/onboarding.yaml"});

  const auto directories = expand_flow_paths({"fl?ws/n*"}, k_repo);
  CHECK(directories.files ==
        std::vector<std::string>{k_repo + "/flows/nested/kyc.yml"});
}

TEST_CASE("a file named outright is read whatever its extension")
{
  TempTree tree;
  tree.write("flow.txt", "id: a\n");
  const auto found = expand_flow_paths({"flow.txt"}, tree.root());
  CHECK(found.files == std::vector<std::string>{tree.path("flow.txt")});
}

TEST_CASE("each file appears once however often it is named")
{
  const auto found =
      expand_flow_paths({"flows/login.yaml", "flows", "flows/*.yaml"}, k_repo);
  CHECK(found.files ==
        std::vector<std::string>{k_repo + "/flows/login.yaml",
                                 k_repo + "/flows/nested/kyc.yml",
                                 k_repo + "/flows/onboarding.yaml"});
}

TEST_CASE("a path that yields no file is an error")
{
  TempTree tree;
  tree.write("empty/notes.txt", "not a flow\n");
  const auto found =
      expand_flow_paths({"missing.yaml", "empty", "none/*.yaml"}, tree.root());
  CHECK(found.files.empty());
  CHECK(messages(found) ==
        std::vector<std::string>{
            tree.path("missing.yaml") + ": no such file or directory",
            tree.path("empty") + ": no .yaml or .yml file below",
            tree.path("none/*.yaml") + ": no flow file matches this pattern"});
}

TEST_CASE("absolute paths ignore the base directory")
{
  const auto found =
      expand_flow_paths({k_repo + "/flows/nested"}, "/elsewhere");
  CHECK(found.files ==
        std::vector<std::string>{k_repo + "/flows/nested/kyc.yml"});
}

TEST_CASE("join_path normalises lexically")
{
  CHECK(join_path(".", "flows") == "flows");
  CHECK(join_path(".", "./flows/../base/a.yaml") == "base/a.yaml");
  CHECK(join_path("conf", "flows") == "conf/flows");
  CHECK(join_path("conf", "../flows") == "flows");
  CHECK(join_path("conf", "/abs/x.yaml") == "/abs/x.yaml");
  CHECK(join_path("", "a.yaml") == "a.yaml");
  CHECK(join_path(".", ".") == ".");
}
