// Mock of <cpr/cpr.h> (C++ Requests). Its free request functions are
// variadic templates over the request's parts.
// Debian does not ship it; the mock mirrors cpr 1.10.
#ifndef MOCK_CPR_CPR_H
#define MOCK_CPR_CPR_H
#include <future>
#include <string>

namespace cpr {

class Url {
public:
  Url(const char *url) : str_(url) {}
  Url(std::string url) : str_(std::move(url)) {}

private:
  std::string str_;
};

class Body {
public:
  Body(const char *body) : str_(body) {}

private:
  std::string str_;
};

struct Response {
  long status_code = 0;
  std::string text;
};

using AsyncResponse = std::future<Response>;

template <typename... Ts> Response Get(Ts &&...ts) { return {}; }
template <typename... Ts> Response Post(Ts &&...ts) { return {}; }
template <typename... Ts> Response Put(Ts &&...ts) { return {}; }
template <typename... Ts> Response Delete(Ts &&...ts) { return {}; }
template <typename... Ts> AsyncResponse GetAsync(Ts &&...ts) { return {}; }

class Session {
public:
  void SetUrl(const Url &url) {}
  Response Get() { return {}; }
  Response Post() { return {}; }
  AsyncResponse GetAsync() { return {}; }
};

} // namespace cpr

#endif
