// The body of the Asio SSL mock, shared by <boost/asio/ssl.hpp> and
// standalone <asio/ssl.hpp> through ASIO_MOCK_NS.
namespace ASIO_MOCK_NS::ssl {
class context {
public:
  enum method { tlsv12_client, tlsv12_server, tls_client, tls_server, sslv23 };
  explicit context(method) {}
  context(context &&) = default;
  void set_default_verify_paths() {}
  void load_verify_file(const char *) {}
};
template <class Stream> class stream {
public:
  stream(Stream &&, context &) {}
};
} // namespace ASIO_MOCK_NS::ssl
