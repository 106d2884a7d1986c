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

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_TEMPLATES_H
