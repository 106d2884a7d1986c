//===--- BodyTree.cpp - the parents of a function body's statements -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "BodyTree.h"
#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include <algorithm>

namespace clang::tidy::async::utils {

const FunctionDecl *outermostFunction(const FunctionDecl *Function) {
  while (const auto *Method = llvm::dyn_cast_or_null<CXXMethodDecl>(Function)) {
    if (!Method->getParent()->isLambda())
      break;
    const auto *Holder =
        llvm::dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
    if (!Holder || !Holder->hasBody())
      break;
    Function = Holder;
  }
  return Function;
}

BodyTree::BodyTree(const FunctionDecl *Outermost) : Outermost(Outermost) {
  Tops.push_back(Outermost->getBody());
  for (const Expr *Init : initializerExprs(Outermost))
    Tops.push_back(Init);
  // Each statement is entered once, from its first parent: a statement the
  // semantic form of an expression repeats (an awaited operand in its
  // awaiter) keeps the syntactic parent, and is not walked twice.
  llvm::SmallVector<const Stmt *, 64> Stack(Tops.rbegin(), Tops.rend());
  while (!Stack.empty()) {
    const Stmt *S = Stack.pop_back_val();
    if (const auto *DS = llvm::dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *Var = llvm::dyn_cast<VarDecl>(D))
          Declarations.try_emplace(Var, DS);
    } else if (const auto *Catch = llvm::dyn_cast<CXXCatchStmt>(S)) {
      if (const VarDecl *Var = Catch->getExceptionDecl())
        Declarations.try_emplace(Var, Catch);
    } else if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(S)) {
      Lambdas.try_emplace(Lambda->getLambdaClass(), Lambda);
    }
    const size_t Before = Stack.size();
    for (const Stmt *Child : S->children())
      if (Child && !llvm::is_contained(Tops, Child) &&
          Parents.try_emplace(Child, S).second)
        Stack.push_back(Child);
    std::reverse(Stack.begin() + Before, Stack.end());
  }
}

bool BodyTree::contains(const Stmt *S) const {
  return S && (Parents.count(S) || llvm::is_contained(Tops, S));
}

const Stmt *BodyTree::parent(const Stmt *S) const {
  return S ? Parents.lookup(S) : nullptr;
}

const Stmt *BodyTree::declarationOf(const VarDecl *Var) const {
  return Declarations.lookup(Var);
}

const LambdaExpr *BodyTree::lambdaOf(const CXXRecordDecl *Closure) const {
  return Lambdas.lookup(Closure);
}

const VarDecl *BodyTree::initialisedBy(const Expr *Init) const {
  const auto *DS = llvm::dyn_cast_or_null<DeclStmt>(parent(Init));
  if (!DS)
    return nullptr;
  for (const Decl *D : DS->decls())
    if (const auto *Var = llvm::dyn_cast<VarDecl>(D);
        Var && Var->getInit() == Init)
      return Var;
  return nullptr;
}

const BodyTree *BodyTrees::of(const FunctionDecl *Function) {
  const FunctionDecl *Outermost = outermostFunction(Function);
  if (!Outermost || !Outermost->getBody())
    return nullptr;
  auto [It, New] = Trees.try_emplace(Outermost);
  if (New)
    It->second = std::make_unique<BodyTree>(Outermost);
  return It->second.get();
}

const BodyTree *BodyTrees::holding(const VarDecl *Var) {
  if (!Var)
    return nullptr;
  const DeclContext *DC = Var->getDeclContext();
  const auto *Function = llvm::dyn_cast<FunctionDecl>(DC);
  return Function ? of(Function) : nullptr;
}

} // namespace clang::tidy::async::utils
