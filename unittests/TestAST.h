//===--- TestAST.h - building a small AST for a unit test -------*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UNITTESTS_TESTAST_H
#define ASYNC_LINT_UNITTESTS_TESTAST_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <memory>
#include <string>

namespace clang::tidy::async::test {

/// The declarations a coroutine needs, without any standard header: a test
/// builds without a resource directory or a standard library.
inline const char *const CoroutinePrelude = R"cpp(
namespace std {
template <class R, class... Args> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
template <class P = void> struct coroutine_handle;
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept { return {}; }
  void *address() const noexcept { return nullptr; }
};
template <class P> struct coroutine_handle {
  static coroutine_handle from_address(void *) noexcept { return {}; }
  void *address() const noexcept { return nullptr; }
  operator coroutine_handle<>() const noexcept { return {}; }
};
struct suspend_always {
  bool await_ready() const noexcept { return false; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct suspend_never {
  bool await_ready() const noexcept { return true; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace std
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct ready {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 0; }
};
)cpp";

/// Parses \p Code as C++20. A snippet that does not compile fails the test
/// (its errors are printed), unless the test says it expects errors: an
/// analysis must not be tested on an AST Sema gave up on.
inline std::unique_ptr<ASTUnit> buildAST(const std::string &Code,
                                         bool ExpectErrors = false) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++20", "-fsyntax-only", "-Wno-everything"}, "input.cpp");
  if (!AST) {
    ADD_FAILURE() << "the snippet could not be parsed";
    return AST;
  }
  const bool Errors = AST->getDiagnostics().hasErrorOccurred();
  if (Errors && !ExpectErrors)
    ADD_FAILURE() << "the snippet does not compile (errors above)";
  else if (!Errors && ExpectErrors)
    ADD_FAILURE() << "the snippet compiles, but the test expects errors";
  return AST;
}

/// The first function definition named \p Name in \p AST.
inline const FunctionDecl *function(ASTUnit &AST, llvm::StringRef Name) {
  using namespace ast_matchers;
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                     AST.getASTContext());
  if (Found.empty()) {
    ADD_FAILURE() << "no definition of a function named '" << Name.str()
                  << "' in the snippet";
    return nullptr;
  }
  return Found.front().getNodeAs<FunctionDecl>("f");
}

/// Every statement of class \p T in the body of \p FD, in pre-order.
template <class T> llvm::SmallVector<const T *, 4> all(const FunctionDecl *FD) {
  llvm::SmallVector<const T *, 4> Found;
  llvm::SmallVector<const Stmt *, 32> Stack{FD->getBody()};
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (!S)
      continue;
    if (const auto *Match = llvm::dyn_cast<T>(S))
      Found.push_back(Match);
    llvm::SmallVector<const Stmt *, 4> Children(S->child_begin(),
                                                S->child_end());
    Stack.append(Children.rbegin(), Children.rend());
  }
  return Found;
}

/// The first statement of class \p T (in pre-order) in the body of \p FD.
template <class T> const T *first(const FunctionDecl *FD) {
  llvm::SmallVector<const T *, 4> Found = all<T>(FD);
  return Found.empty() ? nullptr : Found.front();
}

} // namespace clang::tidy::async::test

#endif // ASYNC_LINT_UNITTESTS_TESTAST_H
