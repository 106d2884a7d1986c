//===--- Loops.cpp - the parts of a loop statement ------------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Loops.h"

namespace clang::tidy::async::utils {

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *For = llvm::dyn_cast_or_null<ForStmt>(Loop))
    return For->getBody();
  if (const auto *Range = llvm::dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return Range->getBody();
  if (const auto *While = llvm::dyn_cast_or_null<WhileStmt>(Loop))
    return While->getBody();
  if (const auto *Do = llvm::dyn_cast_or_null<DoStmt>(Loop))
    return Do->getBody();
  return nullptr;
}

const Expr *loopCondition(const Stmt *Loop) {
  if (const auto *For = llvm::dyn_cast_or_null<ForStmt>(Loop))
    return For->getCond();
  if (const auto *While = llvm::dyn_cast_or_null<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Do = llvm::dyn_cast_or_null<DoStmt>(Loop))
    return Do->getCond();
  return nullptr;
}

bool isWithin(SourceLocation Loc, SourceRange Range, const SourceManager &SM) {
  return Range.isValid() && Loc.isValid() &&
         !SM.isBeforeInTranslationUnit(SM.getFileLoc(Loc),
                                       SM.getFileLoc(Range.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getFileLoc(Range.getEnd()),
                                       SM.getFileLoc(Loc));
}

} // namespace clang::tidy::async::utils
