// Mock of <cpprest/http_client.h>.
#pragma once
#include <string>
namespace web::http::client {
class http_client {
public:
  explicit http_client(const std::string &base_uri) {}
};
} // namespace web::http::client
