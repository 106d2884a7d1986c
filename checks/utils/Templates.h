//===--- Templates.h - what a template's code becomes when instantiated ---===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The checks analyse a template's pattern, so that each
// finding is reported once, at the code the user wrote. Where the pattern
// leaves a type open (`for (auto &r : results) co_await r.resolve();` in a
// function template), the instantiations the unit makes say what it is.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_TEMPLATES_H
#define ASYNC_LINT_UTILS_TEMPLATES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// The types that the variable reference \p Ref, written in the body of the
/// template pattern \p Pattern (a function template, or a member function of
/// a class template), has in each instantiation of \p Pattern in this
/// translation unit. Empty when \p Pattern is not a template or has no
/// instantiation; the types of dependent instantiations are left out.
llvm::SmallVector<QualType, 2> instantiatedTypes(const DeclRefExpr *Ref,
                                                 const FunctionDecl *Pattern);

/// The member functions a call written in a template may name when the
/// template leaves it unresolved (`poster.add(task)` on a
/// `batch_task<response_t<M>>`): the members called \p Name of the class, or
/// of the class template's pattern, that \p Object's type names. Their
/// bodies are the templates' own, the same for every argument. Empty when
/// the type names no class (a template parameter) or the class has no such
/// member.
llvm::SmallVector<const FunctionDecl *, 2>
memberCandidates(const Expr *Object, DeclarationName Name);

/// The body a check reads for the definition \p Def: \p Def itself, or, for
/// a function template whose awaits depend on its arguments (`co_await
/// acceptor.async_accept(...)` on an `auto acceptor`), the first of its
/// instantiations in this translation unit that has a body. Statements of
/// an instantiation keep the locations of the code the user wrote, so
/// findings are reported there, once.
const FunctionDecl *bodyToAnalyse(const FunctionDecl *Def);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_TEMPLATES_H
