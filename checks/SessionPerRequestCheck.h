//===--- SessionPerRequestCheck.h - async-session-per-request -------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_SESSIONPERREQUESTCHECK_H
#define ASYNC_LINT_SESSIONPERREQUESTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/Sessions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include <optional>

namespace clang::tidy::async {

/// Finds expensive clients and sessions (TLS contexts, HTTP clients, gRPC
/// channels, event loops) that are built once per item or per request
/// instead of once for the program.
///
/// For the user-facing documentation see:
/// docs/checks/async-session-per-request.md
class SessionPerRequestCheck : public ClangTidyCheck {
public:
  SessionPerRequestCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override {
    // The body walk looks through implicit nodes itself.
    return TK_AsIs;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;

  /// One construction of a session object found in a function body.
  struct Construction {
    SourceLocation Loc;
    SourceRange Range;
    const NamedDecl *What; ///< The session class, or the factory function.
    llvm::StringRef Why;
    const Stmt *Loop;   ///< The innermost enclosing loop, if any.
    const VarDecl *Var; ///< The declared variable, if any.
    const Expr *Made;   ///< The construction or factory call.
    /// The variable that holds the object: Var, or the variable a
    /// `std::make_shared<T>(...)` or factory call initialises.
    const VarDecl *Holder;
    std::optional<std::pair<CharSourceRange, std::string>> Hoist;
  };
  /// Why a function runs once per item or per request: the first call site
  /// that says so.
  struct RepeatedCall {
    SourceLocation Loc;
    const NamedDecl *Spawner;   ///< Null when the call sits in a loop.
    const FunctionDecl *Caller; ///< The function the call sits in.
  };
  /// A call from one function of the unit to another.
  struct CallStep {
    const FunctionDecl *Callee; ///< canonical
    SourceLocation Loc;
  };

private:
  const std::string SessionTypes;
  const std::string SessionFactories;
  const std::string IgnoredTypes;
  std::optional<utils::SessionCatalog> Catalog;
  // Facts gathered over the whole translation unit, reported at its end:
  // the constructions outside loops of each function, and the functions
  // that are run once per item or per request.
  llvm::MapVector<const FunctionDecl *, llvm::SmallVector<Construction, 2>>
      LocalConstructions;
  llvm::MapVector<const FunctionDecl *, RepeatedCall> Repeated;
  /// The user functions each function calls (or awaits), in source order:
  /// what runs per request runs its callees per request too.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<CallStep, 4>> CallsOf;
};

} // namespace clang::tidy::async

#endif // ASYNC_LINT_SESSIONPERREQUESTCHECK_H
