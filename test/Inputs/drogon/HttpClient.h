// Mock of <drogon/HttpClient.h>.
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
