//===--- Sessions.h - expensive, long-lived client objects ----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_SESSIONS_H
#define ASYNC_LINT_UTILS_SESSIONS_H

#include "Names.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// A kind of object that owns connections, TLS state or an event loop, and
/// is meant to be created once and reused.
struct SessionKind {
  /// Qualified name of the class, or of the factory function.
  llvm::StringRef Name;
  /// Why building one is expensive, as the second clause of a diagnostic.
  llvm::StringRef Why;
};

/// The built-in session classes and factory functions.
llvm::ArrayRef<SessionKind> builtinSessionTypes();
llvm::ArrayRef<SessionKind> builtinSessionFactories();

/// Recognises session classes and factories by their resolved declarations.
/// Results are cached per declaration, so one catalog serves a whole
/// translation unit.
class SessionCatalog {
public:
  SessionCatalog(llvm::StringRef ExtraTypes, llvm::StringRef ExtraFactories,
                 llvm::StringRef IgnoredTypes);

  /// The reason \p RD is a session class, or an empty string if it is not.
  llvm::StringRef sessionClass(const CXXRecordDecl *RD);
  /// The reason \p FD is a session factory, or an empty string if it is not.
  llvm::StringRef sessionFactory(const FunctionDecl *FD);

private:
  llvm::StringRef lookup(const NamedDecl *D, bool Factory);
  llvm::StringMap<std::string> Types;
  llvm::StringMap<std::string> Factories;
  NameSet Ignored;
  llvm::DenseMap<const Decl *, llvm::StringRef> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_SESSIONS_H
