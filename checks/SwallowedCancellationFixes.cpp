//===--- SwallowedCancellationFixes.cpp - fixes that rethrow cancellation -===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-swallowed-cancellation: the fixes that let a handler's
// cancellation through, beside the check that reports the handler.
//
//===----------------------------------------------------------------------===//

#include "SwallowedCancellationCheck.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Handlers.h"
#include "utils/Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::async {

using utils::Framework;

// The fix lets every cancellation the handler receives through: a
// rethrowing handler in front of it for exception classes, a test of the
// code for Asio's system_error. All or nothing.
std::optional<llvm::SmallVector<FixItHint, 3>>
SwallowedCancellationCheck::rethrowFixes(const ASTContext &Ctx,
                                         const CXXCatchStmt *Handler,
                                         llvm::ArrayRef<Received> Receptions) {
  const SourceLocation CatchLoc = Handler->getCatchLoc();
  if (!CatchLoc.isFileID())
    return std::nullopt;
  llvm::SmallVector<FixItHint, 3> Fixes;
  std::string Preceding;
  for (const Received &R : Receptions) {
    if (R.C->Kind != Cancellation::Exception)
      continue;
    if (!R.C->Record)
      return std::nullopt;
    Preceding += "catch (const " +
                 utils::spellClass(Aliases, Ctx, R.C->Record, CatchLoc) +
                 " &) { throw; } ";
  }
  if (!Preceding.empty())
    Fixes.push_back(FixItHint::CreateInsertion(CatchLoc, Preceding));
  for (const Received &R : Receptions)
    if (R.C->Kind == Cancellation::AsioError &&
        !addAsioCodeTest(Ctx, Handler, *R.C, Fixes))
      return std::nullopt;
  if (Fixes.empty())
    return std::nullopt;
  return Fixes;
}

// `if (e.code() == error::operation_aborted) throw;` first in the handler,
// through a dynamic_cast when it catches a base of system_error, naming the
// exception when the handler does not.
bool SwallowedCancellationCheck::addAsioCodeTest(
    const ASTContext &Ctx, const CXXCatchStmt *Handler, const Cancellation &C,
    llvm::SmallVectorImpl<FixItHint> &Fixes) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation CatchLoc = Handler->getCatchLoc();
  const auto *Block = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
  const QualType Caught = Handler->getCaughtType();
  const VarDecl *Var = Handler->getExceptionDecl();
  const CXXRecordDecl *CaughtRecord = utils::exceptionClassOf(Caught);
  if (!Var || !CaughtRecord || !C.Record || !Var->getTypeSourceInfo())
    return false;
  const bool IsSystemError =
      CaughtRecord->getCanonicalDecl() == C.Record->getCanonicalDecl();
  // A copy of a base class has lost the system_error.
  if (!IsSystemError && !Caught->isReferenceType())
    return false;
  std::string Name = Var->getName().str();
  if (Name.empty()) {
    // Name the exception, avoiding names the handler already uses.
    Name = utils::freshExceptionName(Block);
    SourceLocation TypeEnd = Var->getTypeSourceInfo()->getTypeLoc().getEndLoc();
    SourceLocation After =
        Lexer::getLocForEndOfToken(TypeEnd, 0, SM, Ctx.getLangOpts());
    if (Name.empty() || TypeEnd.isMacroID() || After.isInvalid())
      return false;
    // `std::exception &` becomes `std::exception &e`, and
    // `std::exception&` becomes `std::exception& e`.
    const char *Before = SM.getCharacterData(TypeEnd);
    const bool SpaceBefore =
        Caught->isReferenceType() && (Before[-1] == ' ' || Before[-1] == '\t');
    Fixes.push_back(
        FixItHint::CreateInsertion(After, SpaceBefore ? Name : " " + Name));
  }
  const std::string Aborted =
      Aliases.spell(Ctx, utils::profile(C.Library).Namespace, CatchLoc) +
      "::error::operation_aborted";
  std::string Test;
  if (IsSystemError) {
    Test = "if (" + Name + ".code() == " + Aborted + ") throw;";
  } else {
    const std::string SystemError =
        C.Library == Framework::BoostAsio
            ? Aliases.spell(Ctx, "boost::system", CatchLoc) + "::system_error"
            : "std::system_error";
    const std::string Ptr = Name == "se" ? "sys" : "se";
    Test = "if (auto *" + Ptr + " = dynamic_cast<const " + SystemError +
           " *>(&" + Name + "); " + Ptr + " && " + Ptr +
           "->code() == " + Aborted + ") throw;";
  }
  std::optional<FixItHint> Insert =
      Block->body_empty()
          ? utils::insertStatementAtEnd(Block, Test, SM)
          : utils::insertStatementBefore(*Block->body_begin(), Test, SM,
                                         Ctx.getLangOpts());
  if (!Insert)
    return false;
  Fixes.push_back(*Insert);
  return true;
}

} // namespace clang::tidy::async
