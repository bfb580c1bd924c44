#include "desired/file_prefetch.hpp"
#include "test_desired_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using flowctl::desired::FilePrefetch;
using flowctl::desired::testing::TempTree;

namespace {

// `count` files "f<i>.yaml" holding `i: <i>`, and their paths.
std::vector<std::string> write_files(const TempTree& tree, int count)
{
  std::vector<std::string> paths;
  for (int i = 0; i < count; ++i) {
    const auto name = "f" + std::to_string(i) + ".yaml";
    tree.write(name, "i: " + std::to_string(i) + "\n");
    paths.push_back(tree.path(name));
  }
  return paths;
}

} // namespace

TEST_CASE("prefetched files come out in order, whatever the threads")
{
  TempTree tree;
  const auto paths = write_files(tree, 50);
  for (const unsigned threads : {0U, 1U, 3U}) {
    CAPTURE(threads);
    FilePrefetch prefetch(paths, 1, threads, 4);
    for (int i = 0; i < 50; ++i) {
      const auto file = prefetch.take(static_cast<std::size_t>(i));
      REQUIRE(file.read_error.empty());
      REQUIRE(file.yaml.documents.size() == 1);
      CHECK(file.yaml.documents[0].value.at("i") == i);
      CHECK(file.sha256_hex.size() == 64);
      CHECK(file.yaml.bytes.empty());
    }
  }
}

TEST_CASE("a file that cannot be read says why, and the rest still come")
{
  TempTree tree;
  auto paths = write_files(tree, 2);
  paths.insert(paths.begin() + 1, tree.path("missing.yaml"));
  FilePrefetch prefetch(paths, 1, 2);
  CHECK(prefetch.take(0).read_error.empty());
  const auto missing = prefetch.take(1);
  CHECK(missing.read_error == "No such file or directory");
  CHECK(missing.sha256_hex.empty());
  CHECK(prefetch.take(2).yaml.documents.at(0).value.at("i") == 1);
}

TEST_CASE("a prefetch left before its end stops its threads")
{
  TempTree tree;
  const auto paths = write_files(tree, 20);
  FilePrefetch prefetch(paths, 1, 2, 2);
  CHECK(prefetch.take(0).read_error.empty());
}
