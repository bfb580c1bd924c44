#include "plan/plan_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;
using flowctl::plan::TextSink;
using flowctl::plan::write_file_atomic;

// A fresh directory under the system's temporary one, removed afterwards.
class ScratchDir {
public:
  ScratchDir()
  {
    std::string pattern =
        (fs::temp_directory_path() / "flowctl-plan-file-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
  }
  ~ScratchDir() { fs::remove_all(m_path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const
  {
    return (m_path / name).string();
  }
  std::size_t entries() const
  {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(m_path), {}));
  }

private:
  fs::path m_path;
};

std::string read(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("pieces given to the sink make the file, in order")
{
  const ScratchDir dir;
  const auto path = dir.file("plan.json");
  // Pieces small and large, so that both buffered and direct writes happen.
  const std::string large(200000, 'x');
  const auto problem = write_file_atomic(path, [&](const TextSink& write) {
    write("a");
    write(large);
    for (int i = 0; i < 10000; ++i) {
      write("0123456789");
    }
    write("z");
  });
  REQUIRE(problem == "");
  const auto text = read(path);
  CHECK(text.size() == 1 + large.size() + 100000 + 1);
  CHECK(text.front() == 'a');
  CHECK(text.substr(1, large.size()) == large);
  CHECK(text.substr(1 + large.size(), 10) == "0123456789");
  CHECK(text.back() == 'z');
  CHECK(dir.entries() == 1);

  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("a producer that throws leaves the old file and no temporary one")
{
  const ScratchDir dir;
  const auto path = dir.file("plan.json");
  REQUIRE(write_file_atomic(path, std::string("old\n")) == "");
  CHECK_THROWS_AS(write_file_atomic(path,
                                    [](const TextSink& write) {
                                      write("half of a new");
                                      throw std::runtime_error("stopped");
                                    }),
                  std::runtime_error);
  CHECK(read(path) == "old\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a file that cannot be created is named in the error")
{
  const ScratchDir dir;
  const auto path = dir.file("missing/plan.json");
  const auto problem = write_file_atomic(path, std::string("text"));
  CHECK(problem.find(path + ".tmp-") == 0);
  CHECK(problem.find(": cannot create: ") != std::string::npos);
}

TEST_CASE("a saved plan is read back from its file")
{
  const ScratchDir dir;
  const auto path = dir.file("plan.json");
  flowctl::plan::Plan plan;
  plan.api_url = "http://127.0.0.1:8080";
  plan.flows.push_back({});
  plan.flows.back().id = "project_flow_1";
  plan.flows.back().file = "flows/one.yaml";
  REQUIRE(flowctl::plan::save_plan(path, plan) == "");
  CHECK(flowctl::plan::looks_like_plan(path));

  const auto loaded = flowctl::plan::load_plan(path);
  REQUIRE(loaded.error == "");
  CHECK(loaded.plan.api_url == plan.api_url);
  REQUIRE(loaded.plan.flows.size() == 1);
  CHECK(loaded.plan.flows[0].id == "project_flow_1");
  CHECK(flowctl::plan::document_text(loaded.plan) == read(path));
}

TEST_CASE("what is not a saved plan is said so")
{
  const ScratchDir dir;
  const auto missing = dir.file("missing.json");
  CHECK(flowctl::plan::load_plan(missing).error ==
        missing + ": cannot read: No such file or directory");
  CHECK_FALSE(flowctl::plan::looks_like_plan(missing));

  const auto yaml = dir.file("flow.yaml");
  REQUIRE(write_file_atomic(yaml, std::string("id: project_flow_1\n")) == "");
  CHECK(flowctl::plan::load_plan(yaml).error ==
        yaml + ": not a plan file (not a JSON object)");
  CHECK_FALSE(flowctl::plan::looks_like_plan(yaml));
  // A folder of flow files, as `apply flows/` names one.
  CHECK_FALSE(flowctl::plan::looks_like_plan(dir.file("")));
  CHECK(flowctl::plan::load_plan(dir.file(""))
            .error.find(": cannot read: Is a directory") != std::string::npos);
}

TEST_CASE("a cut-off plan is still told from flow files, and refused")
{
  const ScratchDir dir;
  const auto path = dir.file("plan.json");
  flowctl::plan::Plan plan;
  plan.flows.resize(3);
  REQUIRE(flowctl::plan::save_plan(path, plan) == "");
  const auto whole = read(path);
  const auto cut = dir.file("cut.json");
  REQUIRE(write_file_atomic(cut, whole.substr(0, whole.size() / 2)) == "");
  CHECK(flowctl::plan::looks_like_plan(cut));
  // The position is the end of the file: the line after its last newline.
  const auto cut_text = read(cut);
  const auto lines = std::count(cut_text.begin(), cut_text.end(), '\n');
  const auto column = cut_text.size() - cut_text.rfind('\n');
  CHECK(flowctl::plan::load_plan(cut).error ==
        cut + ":" + std::to_string(lines + 1) + ":" + std::to_string(column) +
            ": not a plan file (it ends inside its JSON)");

  const auto broken = dir.file("broken.json");
  REQUIRE(write_file_atomic(broken, std::string("{\"format_version\": 1,\n"
                                                "  \"flows\": [1,, 2]}")) ==
          "");
  CHECK(flowctl::plan::looks_like_plan(broken));
  CHECK(flowctl::plan::load_plan(broken).error ==
        broken + ":2:15: not a plan file (invalid JSON here)");

  const auto array = dir.file("array.json");
  REQUIRE(write_file_atomic(array, std::string(R"([{"format_version": 1}])")) ==
          "");
  CHECK_FALSE(flowctl::plan::looks_like_plan(array));
  const auto nested = dir.file("nested.json");
  REQUIRE(write_file_atomic(
              nested, std::string(R"({"a": {"format_version": 1}, "b": 2})")) ==
          "");
  CHECK_FALSE(flowctl::plan::looks_like_plan(nested));
  const auto later = dir.file("later.json");
  REQUIRE(write_file_atomic(later, std::string(R"({"a": [1, {"b": null}],
                                                   "format_version": 1})")) ==
          "");
  CHECK(flowctl::plan::looks_like_plan(later));
}
