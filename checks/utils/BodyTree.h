//===--- BodyTree.h - the parents of a function body's statements -*- C++
//-*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The checks ask where a statement sits: the statement
// that holds an expression, the scope of a local, the call a lambda is an
// argument of, whether a statement runs on every path. They ask it of one
// mechanism: a BodyTree per function, the parent of each statement of the
// body of the outermost function that holds it (lambdas included, and a
// constructor's member initializers), with the declarations in that body
// indexed by the statement that holds each. It is built the first time a
// check asks about the function, and costs one walk of that body.
//
// ASTContext::getParents would answer the same questions, but builds the
// parents of the whole translation unit, headers included, on its first
// call: 416 ms on one Boost.Asio unit (docs/performance.md). clang::ParentMap
// is per body, but gives an awaited operand the opaque value that repeats it
// in the `co_await`'s semantic form as its parent; a BodyTree gives each
// statement its first parent in the order of children(), the syntactic one.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_BODYTREE_H
#define ASYNC_LINT_UTILS_BODYTREE_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace clang::tidy::async::utils {

/// The statements of one outermost function's body, each with its parent.
class BodyTree {
public:
  explicit BodyTree(const FunctionDecl *Outermost);

  /// The function whose body this is.
  const FunctionDecl *function() const { return Outermost; }
  /// Whether \p S is in the body or in a constructor's initializer.
  bool contains(const Stmt *S) const;
  /// The parent of \p S; null at the top or when \p S is not in the body.
  const Stmt *parent(const Stmt *S) const;
  /// The statement that declares the local \p Var: its declaration
  /// statement, or the handler of a caught exception. Null for a parameter
  /// or a variable outside the body.
  const Stmt *declarationOf(const VarDecl *Var) const;
  /// The lambda expression whose closure class is \p Closure.
  const LambdaExpr *lambdaOf(const CXXRecordDecl *Closure) const;
  /// The variable whose initializer is \p Init, when its parent is the
  /// declaration statement of that variable.
  const VarDecl *initialisedBy(const Expr *Init) const;

private:
  const FunctionDecl *Outermost;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  /// The body and the initializers: the statements with no parent.
  llvm::SmallVector<const Stmt *, 4> Tops;
  llvm::DenseMap<const VarDecl *, const Stmt *> Declarations;
  llvm::DenseMap<const CXXRecordDecl *, const LambdaExpr *> Lambdas;
};

/// The BodyTrees of one translation unit's functions, built when first
/// asked for.
class BodyTrees {
public:
  /// The tree that holds \p Function's body: the tree of the outermost
  /// function \p Function's lambda classes are declared in, or its own.
  /// Null when \p Function has no body.
  const BodyTree *of(const FunctionDecl *Function);
  /// The tree that holds \p Var's declaration.
  const BodyTree *holding(const VarDecl *Var);
  /// Forgets every function: the trees hold one unit's AST.
  void clear() { Trees.clear(); }

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<BodyTree>> Trees;
};

/// The function (not a lambda's call operator) whose body holds \p Function:
/// \p Function itself unless it is a lambda's call operator.
const FunctionDecl *outermostFunction(const FunctionDecl *Function);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_BODYTREE_H
