// Mock of <cpr/cpr.h>.
#pragma once
#include <string>

namespace cpr {
struct Url {
  std::string url;
};
struct Response {
  int status_code = 0;
  std::string text;
};
class Session {
public:
  Session() = default;
  Session(Session &&) = default;
  void SetUrl(const Url &) {}
  Response Get() { return {}; }
  Response Post() { return {}; }
};
} // namespace cpr
