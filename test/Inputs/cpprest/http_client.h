// Mock of <cpprest/http_client.h> (C++ REST SDK 2.10, the version Debian 12
// ships): Debian's libcpprest-dev depends on Boost 1.74's development
// packages, which conflict with the libboost1.81-dev the Asio tests need, so
// the real header cannot be installed beside them.
#pragma once
#include <string>
namespace web::http::client {
class http_client {
public:
  explicit http_client(const std::string &base_uri) {}
};
} // namespace web::http::client
