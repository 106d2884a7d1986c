//===--- NonBlockingIo.cpp - POSIX descriptors used without blocking ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "NonBlockingIo.h"
#include "Coroutines.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::async::utils {

static const FunctionDecl *calleeOf(const Expr *E) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E);
  return Call ? Call->getDirectCallee() : nullptr;
}

bool isPosixDescriptorCall(const Expr *Call) {
  const FunctionDecl *Callee = calleeOf(Call);
  if (!Callee || !Callee->getIdentifier() ||
      !Callee->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return false;
  return llvm::StringSwitch<bool>(Callee->getName())
      .Cases({"recv", "recvfrom", "recvmsg", "send", "sendto", "sendmsg"}, true)
      .Cases({"accept", "accept4", "connect", "read", "write", "readv"}, true)
      .Case("writev", true)
      .Default(false);
}

bool isWakeUpWrite(const Expr *E) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E);
  const FunctionDecl *Callee = calleeOf(E);
  if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() < 3 ||
      (Callee->getName() != "write" && Callee->getName() != "send"))
    return false;
  const auto *AddressOf =
      llvm::dyn_cast<UnaryOperator>(Call->getArg(1)->IgnoreParenImpCasts());
  if (!AddressOf || AddressOf->getOpcode() != UO_AddrOf)
    return false;
  return AddressOf->getSubExpr()->getType()->isScalarType();
}

/// The names of the macros whose expansion wrote \p Loc, innermost last
/// (`EWOULDBLOCK` and then `EAGAIN` for `EWOULDBLOCK`).
static bool expandsFromNonBlockingMacro(SourceLocation Loc,
                                        const SourceManager &SM,
                                        const LangOptions &LangOpts) {
  while (Loc.isMacroID()) {
    llvm::StringRef Name = Lexer::getImmediateMacroName(Loc, SM, LangOpts);
    if (llvm::is_contained({"EAGAIN", "EWOULDBLOCK", "EINPROGRESS",
                            "O_NONBLOCK", "SOCK_NONBLOCK", "MSG_DONTWAIT"},
                           Name))
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

static bool isNamedLike(const FunctionDecl *FD,
                        std::initializer_list<llvm::StringRef> Names) {
  return FD && FD->getIdentifier() && llvm::is_contained(Names, FD->getName());
}

/// A readiness wait: `poll`, `poll_read`, `wait_readable`...
static bool isReadinessWait(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  llvm::StringRef Name = FD->getName();
  return Name.starts_with("poll") || Name.starts_with("wait_readable") ||
         Name.starts_with("wait_writable");
}

static bool bodyUsesNonBlockingIo(const FunctionDecl *FD,
                                  const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  bool Found = false;
  forEachEvaluatedStmt(getUserBody(FD), [&](const Stmt *S) {
    if (Found)
      return false;
    if (llvm::isa<IntegerLiteral, DeclRefExpr>(S) &&
        S->getBeginLoc().isMacroID() &&
        expandsFromNonBlockingMacro(S->getBeginLoc(), SM, Ctx.getLangOpts()))
      Found = true;
    else if (isNamedLike(calleeOf(llvm::dyn_cast<Expr>(S)),
                         {"try_again", "would_block", "is_would_block"}))
      Found = true;
    else if (isSuspensionPoint(S))
      if (const Expr *Operand = suspensionOperand(S))
        Found = isReadinessWait(
            calleeOf(ignoreValuePreserving(Operand)->IgnoreParenImpCasts()));
    return !Found;
  });
  return Found;
}

bool NonBlockingIoFacts::usesNonBlockingIo(const FunctionDecl *FD,
                                           const ASTContext &Ctx) {
  if (!FD)
    return false;
  auto [It, Inserted] = Cache.try_emplace(FD, false);
  if (!Inserted)
    return It->second;
  bool Result = bodyUsesNonBlockingIo(FD, Ctx);
  // A class that offers an awaitable readiness wait drives its descriptor
  // without blocking: its other members try the call first.
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(FD); !Result && Method)
    for (const CXXMethodDecl *Sibling : Method->getParent()->methods())
      if (isReadinessWait(Sibling) && !Sibling->getReturnType()->isVoidType() &&
          !Sibling->getReturnType()->isIntegralOrEnumerationType()) {
        Result = true;
        break;
      }
  Cache[FD] = Result;
  return Result;
}

} // namespace clang::tidy::async::utils
