// Mock of <boost/system/error_code.hpp>: the error_code every Boost.Asio
// operation completes with, and the trait that lets an error enum (such as
// boost::asio::error::basic_errors) convert to it and compare with it.
#ifndef MOCK_BOOST_SYSTEM_ERROR_CODE_HPP
#define MOCK_BOOST_SYSTEM_ERROR_CODE_HPP

#include <string>
#include <type_traits>

namespace boost {
namespace system {

class error_category {
public:
  virtual ~error_category() = default;
  virtual const char *name() const noexcept { return "mock"; }
  virtual std::string message(int ev) const { return {}; }
};

const error_category &system_category() noexcept;
const error_category &generic_category() noexcept;

template <class T> struct is_error_code_enum {
  static const bool value = false;
};

class error_code {
public:
  error_code() noexcept : val_(0), cat_(&system_category()) {}
  error_code(int val, const error_category &cat) noexcept
      : val_(val), cat_(&cat) {}
  template <class ErrorCodeEnum,
            class = typename std::enable_if<
                is_error_code_enum<ErrorCodeEnum>::value>::type>
  error_code(ErrorCodeEnum e) noexcept {
    *this = make_error_code(e);
  }

  void clear() noexcept { val_ = 0; }
  int value() const noexcept { return val_; }
  const error_category &category() const noexcept { return *cat_; }
  std::string message() const { return cat_->message(val_); }
  bool failed() const noexcept { return val_ != 0; }
  explicit operator bool() const noexcept { return val_ != 0; }
  bool operator!() const noexcept { return val_ == 0; }

  friend bool operator==(const error_code &lhs,
                         const error_code &rhs) noexcept {
    return lhs.val_ == rhs.val_ && lhs.cat_ == rhs.cat_;
  }
  friend bool operator!=(const error_code &lhs,
                         const error_code &rhs) noexcept {
    return !(lhs == rhs);
  }

private:
  int val_;
  const error_category *cat_;
};

} // namespace system
} // namespace boost

#endif
