//===--- EveryPath.h - what a function does whenever it runs ---*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. "f() blocks" is evidence only when f blocks whenever it
// runs. A blocking call in a fallback branch (resolve a name only when the
// text is not an address), in one arm of a conditional, or after a return
// that may already have left is something f *may* do. EveryPath answers,
// for a statement of a function's body, whether it runs each time the
// function runs: whether no branch of an `if`, `switch`, `?:`, `&&`/`||` or
// handler lies between it and the body, and no statement before it in the
// same block can leave (`return`, `co_return`, `throw`, `goto`, or a `break`
// or `continue` of an enclosing loop or switch).
//
// A loop's body counts as run: a loop that polls until something is done
// (`while (alive(pid)) sleep_for(...)`) is what the function does, and
// whether it runs zero times depends on values (a timeout of 0 passed by one
// caller) that the body alone does not show. Clang's CFG and post-dominator
// tree would call every loop body optional; that is why this walk is over the
// AST, up the function's BodyTree.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_EVERYPATH_H
#define ASYNC_LINT_UTILS_EVERYPATH_H

#include "BodyTree.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::async::utils {

class EveryPath {
public:
  /// Whether \p S, in the body of \p Function or in one of its
  /// constructor's member initializers, runs each time the function runs
  /// (see the file comment). False when \p S is not found there.
  bool runsWhenever(const FunctionDecl *Function, const Stmt *S);

  /// Forgets every function: the maps hold one translation unit's AST.
  void clear() { Trees.clear(); }
  /// The trees the walks go up.
  BodyTrees &trees() { return Trees; }

private:
  BodyTrees Trees;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_EVERYPATH_H
