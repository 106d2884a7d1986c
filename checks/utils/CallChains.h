//===--- CallChains.h - what a function reaches through calls -*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A check asks "does this call, directly or through the
// functions it calls, end in something I look for?" -- a blocking call, the
// construction of an expensive client. CallChains answers once per function
// and translation unit: each function's summary (the first call it makes
// that is a hit, and the user functions it calls) is computed on first use,
// and the shortest chain from a function to a hit is found breadth first,
// down to a depth limit.
//
// A call through a virtual function runs one of the definitions the unit
// can see: the method's own (unless it is pure) and every override of it.
// Each is followed; a pure virtual method with no visible override is not.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_CALLCHAINS_H
#define ASYNC_LINT_UTILS_CALLCHAINS_H

#include "EveryPath.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <functional>
#include <optional>

namespace clang::tidy::async::utils {

/// The overrides of each virtual method that one translation unit declares,
/// found in one pass over its declarations the first time they are asked
/// for.
class Overriders {
public:
  /// Every method of the unit that overrides \p Method, directly or through
  /// another override, in the order the unit declares them.
  llvm::ArrayRef<const CXXMethodDecl *> of(const CXXMethodDecl *Method,
                                           const ASTContext &Ctx);
  void clear() {
    Built = false;
    Map.clear();
  }

private:
  bool Built = false;
  llvm::DenseMap<const CXXMethodDecl *,
                 llvm::SmallVector<const CXXMethodDecl *, 2>>
      Map;
};

/// The virtual method a call dispatches through: a virtual member function
/// called without a qualified name. Null for any other call.
const CXXMethodDecl *dispatchedMethod(const Expr *Call);

/// The function a call or construction names, when it names one.
const FunctionDecl *namedCallee(const Expr *Call);

/// The one function a call through a local variable runs: a function
/// pointer or `std::function` declared in the calling function, initialised
/// with a function or a (non-generic) lambda, and never changed afterwards
/// (Clang's ExprMutationAnalyzer over the function's body finds no
/// mutation). Null for any other call: a parameter, a member, a variable
/// that is assigned or handed out by non-const reference may hold anything.
const FunctionDecl *indirectTarget(const Expr *Call);

/// The function a message should name for \p Call: the virtual method it
/// dispatches through, the single target of a call through a variable, or
/// its named callee.
const FunctionDecl *calledFunction(const Expr *Call);

/// One step of a chain: a call in one function to a definition it runs.
struct CallEdge {
  const Expr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  /// The virtual method the call names, when it reaches \c Callee (one of
  /// its overrides, or the method itself) by dynamic dispatch.
  const CXXMethodDecl *Dispatched = nullptr;
};

/// The shortest way from a function to a hit.
struct CallPath {
  /// The calls from the function down to the one that holds the hit (empty
  /// when the function's own body holds it).
  llvm::SmallVector<CallEdge, 4> Chain;
  const Expr *Hit = nullptr;
};

class CallChains {
public:
  /// Whether an expression of a followed function's body is what the
  /// caller looks for.
  using HitFn = std::function<bool(const Expr *, const ASTContext &)>;
  /// Whether a definition is followed into (it is already known to have a
  /// body and not to be defaulted).
  using FollowFn = std::function<bool(const FunctionDecl *)>;

  /// With \p Whenever, a followed function's summary holds only the hits
  /// and calls that run on every path through it (EveryPath): a chain is
  /// then evidence that the first call reaches the hit, not a guess that
  /// some branch might.
  CallChains(unsigned MaxDepth, HitFn IsHit, FollowFn Follows,
             bool Whenever = false)
      : MaxDepth(MaxDepth), IsHit(std::move(IsHit)),
        Follows(std::move(Follows)), Whenever(Whenever) {}

  /// Forgets every summary: they are keyed by declaration, and hold for one
  /// translation unit only.
  void clear();

  /// The definitions \p Call may run that are followed: its callee's, for
  /// dynamic dispatch the method's own and its overrides', for a call
  /// through a variable its indirectTarget's.
  llvm::SmallVector<CallEdge, 2> targets(const Expr *Call,
                                         const ASTContext &Ctx);

  /// What one followed function does directly.
  struct Summary {
    /// The first hit in its body (in evaluation order), if any.
    const Expr *Hit = nullptr;
    /// The first call to each followed definition, in source order.
    llvm::SmallVector<CallEdge, 4> Calls;
  };
  const Summary &summary(const FunctionDecl *Def, const ASTContext &Ctx);

  /// The shortest chain, at most MaxDepth functions long counting \p Def,
  /// from \p Def to a hit.
  const std::optional<CallPath> &reach(const FunctionDecl *Def,
                                       const ASTContext &Ctx);

  unsigned maxDepth() const { return MaxDepth; }
  /// Whether \p S runs on every path through \p Def (EveryPath, shared
  /// with the summaries).
  bool runsWhenever(const FunctionDecl *Def, const Stmt *S) {
    return Paths.runsWhenever(Def, S);
  }
  /// The BodyTrees the summaries use, for the check's own questions.
  BodyTrees &trees() { return Paths.trees(); }

private:
  const unsigned MaxDepth;
  HitFn IsHit;
  FollowFn Follows;
  const bool Whenever;
  EveryPath Paths;
  Overriders Overrides;
  llvm::DenseMap<const FunctionDecl *, Summary> Summaries;
  llvm::DenseMap<const FunctionDecl *, std::optional<CallPath>> Reaches;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_CALLCHAINS_H
