#include "live/token.hpp"
#include "live/url.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using namespace flowctl::live;

TEST_CASE("flow ids: letters, digits, _ and -, 1 to 128 characters")
{
  CHECK(is_valid_flow_id("project_flow_123456789"));
  CHECK(is_valid_flow_id("a-B_9"));
  CHECK(is_valid_flow_id(std::string(128, 'a')));
  CHECK_FALSE(is_valid_flow_id(std::string(129, 'a')));
  CHECK_FALSE(is_valid_flow_id(""));
  CHECK_FALSE(is_valid_flow_id("../admin"));
  CHECK_FALSE(is_valid_flow_id("a/b"));
  CHECK_FALSE(is_valid_flow_id("a b"));
  CHECK_FALSE(is_valid_flow_id("a%2F"));
  CHECK_FALSE(is_valid_flow_id("caf\xc3\xa9"));
}

TEST_CASE("https base URLs are fine anywhere")
{
  CHECK_FALSE(check_base_url("https://api.verifik.co"));
  CHECK_FALSE(check_base_url("https://api.verifik.co/"));
  CHECK_FALSE(check_base_url("https://proxy.example.com:8443/verifik"));
  CHECK_FALSE(check_base_url("HTTPS://API.VERIFIK.CO"));
}

TEST_CASE("plain http only to loopback")
{
  CHECK_FALSE(check_base_url("http://127.0.0.1:8080"));
  CHECK_FALSE(check_base_url("http://127.5.6.7"));
  CHECK_FALSE(check_base_url("http://localhost:9000/"));
  CHECK_FALSE(check_base_url("http://LocalHost"));
  CHECK_FALSE(check_base_url("http://[::1]:8080"));

  const auto remote = check_base_url("http://api.verifik.co");
  REQUIRE(remote);
  CHECK(remote->find("loopback") != std::string::npos);
  CHECK(check_base_url("http://128.0.0.1"));
  CHECK(check_base_url("http://10.0.0.1"));
  CHECK(check_base_url("http://[::2]"));
  CHECK(check_base_url("http://localhost.example.com"));
  CHECK(check_base_url("http://127.0.0.1.example.com"));
}

TEST_CASE("malformed or foreign URLs are refused with a reason")
{
  CHECK(check_base_url(""));
  CHECK(check_base_url("api.verifik.co"));
  CHECK(check_base_url("https://"));
  CHECK(check_base_url("https://api verifik.co"));
  CHECK(check_base_url("https://api.verifik.co/?x=1"));
  CHECK(check_base_url("https://api.verifik.co/#top"));

  const auto ftp = check_base_url("ftp://api.verifik.co");
  REQUIRE(ftp);
  CHECK(*ftp == "API URL must use https:// (or http:// to a loopback address)");
}

TEST_CASE("credentials in the URL are refused and not repeated")
{
  const auto problem = check_base_url("https://me:hunter2@api.verifik.co");
  REQUIRE(problem);
  CHECK(problem->find("hunter2") == std::string::npos);
  CHECK(problem->find("credentials") != std::string::npos);
}

TEST_CASE("flow_url joins without a double slash and encodes the id")
{
  CHECK(flow_url("https://api.verifik.co", "project_flow_1") ==
        "https://api.verifik.co/v2/project-flows/project_flow_1");
  CHECK(flow_url("https://api.verifik.co/", "x") ==
        "https://api.verifik.co/v2/project-flows/x");
  CHECK(flow_url("http://127.0.0.1:8080/api//", "x") ==
        "http://127.0.0.1:8080/api/v2/project-flows/x");
  CHECK(flow_url("https://h", "a/b c") ==
        "https://h/v2/project-flows/a%2Fb%20c");
}

TEST_CASE("list_url sends page, limit and only the filters given")
{
  CHECK(list_url("https://h/", 1, 100, {}) ==
        "https://h/v2/project-flows?page=1&limit=100");
  CHECK(list_url("https://h", 3, 100, {"project_1", "", "active"}) ==
        "https://h/v2/project-flows?page=3&limit=100&project=project_1"
        "&status=active");
  CHECK(list_url("https://h", 1, 20, {"a&b=c", "on boarding", "é"}) ==
        "https://h/v2/project-flows?page=1&limit=20&project=a%26b%3Dc"
        "&type=on%20boarding&status=%C3%A9");
}

TEST_CASE("percent_encode keeps unreserved characters only")
{
  CHECK(percent_encode("AZaz09-._~") == "AZaz09-._~");
  CHECK(percent_encode("a+b/c?d#e%") == "a%2Bb%2Fc%3Fd%23e%25");
  CHECK(percent_encode("") == "");
}

TEST_CASE("url_path drops scheme, host, query and fragment")
{
  CHECK(url_path("https://api.verifik.co/v2/project-flows/x?secret=1") ==
        "/v2/project-flows/x");
  CHECK(url_path("http://127.0.0.1:8080/v2/project-flows?page=2") ==
        "/v2/project-flows");
  CHECK(url_path("https://h#frag") == "/");
  CHECK(url_path("https://h") == "/");
  CHECK(url_path("https://h?next=/x") == "/");
}

TEST_CASE("read_token: unset or empty is no token")
{
  setenv("FLOWCTL_TEST_TOKEN", "secret-value", 1);
  CHECK(read_token("FLOWCTL_TEST_TOKEN") == "secret-value");
  setenv("FLOWCTL_TEST_TOKEN", "", 1);
  CHECK_FALSE(read_token("FLOWCTL_TEST_TOKEN"));
  unsetenv("FLOWCTL_TEST_TOKEN");
  CHECK_FALSE(read_token("FLOWCTL_TEST_TOKEN"));
  CHECK_FALSE(read_token(""));
}
