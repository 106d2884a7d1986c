// Mock of <drogon/HttpClient.h>.
// Debian does not ship it; the mock mirrors drogon 1.9 (74fc004, the corpus revision).
#pragma once
#include <memory>
#include <string>
namespace drogon {
class HttpClient;
using HttpClientPtr = std::shared_ptr<HttpClient>;
class HttpClient {
public:
  static HttpClientPtr newHttpClient(const std::string &hostString) {
    return nullptr;
  }
};
} // namespace drogon
