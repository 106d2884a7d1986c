//===--- Names.h - qualified names and name lists -------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_NAMES_H
#define ASYNC_LINT_UTILS_NAMES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The fully qualified name of \p D as a user writes it: inline and anonymous
/// namespaces are left out (`std::__1::future` is `std::future`), and there is
/// no leading `::`.
std::string qualifiedName(const NamedDecl *D);

/// The class, or the pattern of the class template, that \p T names after
/// references, cv-qualifiers and sugar are looked through. Dependent template
/// specializations give the template's pattern. Null for other types.
const CXXRecordDecl *classDeclOf(QualType T);

/// The class of the exception object that a handler for \p T (or an
/// expression of type \p T) designates: through references and pointers, as
/// its definition when it has one. Null for anything but a class.
const CXXRecordDecl *exceptionClassOf(QualType T);

/// Whether \p D is declared in namespace `std` or anywhere inside it
/// (`std::chrono::duration`, a class nested in `std::vector`).
/// Decl::isInStdNamespace looks at the immediate context only.
bool isWithinStd(const Decl *D);

/// A set of qualified names read from a semicolon-separated option value.
/// Leading `::` and surrounding whitespace are ignored.
class NameSet {
public:
  NameSet() = default;
  explicit NameSet(llvm::StringRef SemicolonList);
  void add(llvm::StringRef Name);
  void remove(llvm::StringRef Name);
  bool contains(llvm::StringRef QualifiedName) const {
    return Names.contains(QualifiedName);
  }
  bool contains(const NamedDecl *D) const;
  bool empty() const { return Names.empty(); }

private:
  llvm::StringSet<> Names;
};

/// The class named \p QualifiedName (`folly::OperationCancelled`) as declared
/// in the translation unit, looked up from the global namespace (inline
/// namespaces are searched too; a typedef or alias is followed to its class).
/// Its definition when there is one; null when the name is not declared.
const CXXRecordDecl *lookupClass(ASTContext &Ctx,
                                 llvm::StringRef QualifiedName);

/// Splits a semicolon-separated option value into trimmed, non-empty items.
std::vector<std::string> splitList(llvm::StringRef SemicolonList);

/// The declaration that \p QualifiedName (`std::chrono::seconds`,
/// `boost::asio::steady_timer`) names in the translation unit, looking
/// through inline namespaces; null when nothing by that name is declared
/// (for instance because its header is not included). When the name is
/// overloaded, the first declaration found.
const NamedDecl *findDeclaration(const ASTContext &Ctx,
                                 llvm::StringRef QualifiedName);

/// Whether \p D is declared in a library (system) header rather than in the
/// program's own code.
bool declaredInLibraryHeader(const Decl *D);

/// \p T as the code spells it, for a diagnostic: the written sugar (a
/// typedef, an alias template, default template arguments left out), never
/// the desugared type, which for Asio's `awaitable<bool>` runs to hundreds
/// of characters. When the sugar itself is longer than MaxSpelledType
/// characters (a library's `constraint<...>::type` around the result of
/// `async_initiate`), the canonical type without default template arguments
/// (`boost::asio::awaitable<bool>`) if that is shorter. Stream it into a
/// format that quotes it: `'%0'`.
inline constexpr size_t MaxSpelledType = 100;
std::string spelledType(QualType T, const ASTContext &Ctx);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_NAMES_H
