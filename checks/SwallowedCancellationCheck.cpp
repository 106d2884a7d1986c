//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SwallowedCancellationCheck.h"
#include "utils/Coroutines.h"
#include "utils/ErrorCodes.h"
#include "utils/Exits.h"
#include "utils/FixIts.h"
#include "utils/Frameworks.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral CancellationExceptionsKey =
    "CancellationExceptions";
static constexpr llvm::StringLiteral StrictModeKey = "StrictMode";

using utils::Branch;
using utils::CodePredicate;
using utils::errorCodeRef;
using utils::evaluateCancelled;
using utils::Exit;
using utils::ExitSet;
using utils::Framework;
using utils::isErrorCodeType;
using utils::isExceptionCode;
using utils::Truth;
using utils::truthTest;
using utils::TruthTest;

struct SwallowedCancellationCheck::Cancellation {
  enum KindType {
    /// An exception class thrown at the suspension point (folly, cppcoro,
    /// CancellationExceptions).
    Exception,
    /// Asio's system_error carrying error::operation_aborted.
    AsioError,
  };
  KindType Kind;
  /// The qualified name of the exception class.
  std::string Name;
  /// Its declaration; null when the translation unit does not declare it.
  const CXXRecordDecl *Record;
  /// For AsioError: Boost.Asio or standalone Asio.
  Framework Library;
};

namespace {

using Cancellation = SwallowedCancellationCheck::Cancellation;

/// The exits by which a path leaves a handler without rethrowing.
constexpr ExitSet Swallowing = {Exit::FallThrough, Exit::Return, Exit::Break,
                                Exit::Continue};
/// The exits that leave the current loop for good.
constexpr ExitSet LeavingLoop = {Exit::Break, Exit::Return, Exit::Throw,
                                 Exit::Jump};

bool isSuspension(const Stmt *S) { return utils::isSuspensionPoint(S); }

using utils::isLoop;
using utils::loopCondition;

using utils::suspensionOperand;

bool isAsio(Framework F) {
  return F == Framework::BoostAsio || F == Framework::Asio;
}

/// An awaited operation that stores its error code in a variable.
struct ErrorCodeSite {
  const ValueDecl *Code;
  const Stmt *Await;
  Framework Library;
};

/// An `if` whose condition is a TruthTest.
struct ErrorTest {
  const IfStmt *If;
  TruthTest Test;
};

bool references(const Stmt *S, const ValueDecl *D) {
  bool Found = false;
  utils::forEachEvaluatedStmt(S, [&](const Stmt *Child) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Child))
      Found |= Ref->getDecl() == D;
    return !Found;
  });
  return Found;
}

bool hasSuspension(const Stmt *S) {
  bool Found = false;
  utils::forEachEvaluatedStmt(S, [&](const Stmt *Child) {
    Found |= isSuspension(Child);
    return !Found;
  });
  return Found;
}

const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (RD && RD->getDefinition())
    RD = RD->getDefinition();
  return RD;
}

/// How a name from namespace scope is spelled at \p Loc: through the file's
/// alias for its namespace, when it has one.
std::string spellClass(const ASTContext &Ctx, const CXXRecordDecl *RD,
                       SourceLocation Loc) {
  const auto *NS = llvm::dyn_cast<NamespaceDecl>(RD->getDeclContext());
  if (!NS || NS->isAnonymousNamespace())
    return utils::qualifiedName(RD);
  while (NS && NS->isInline())
    NS = llvm::dyn_cast<NamespaceDecl>(NS->getDeclContext());
  if (!NS)
    return utils::qualifiedName(RD);
  return utils::spellNamespace(Ctx, utils::qualifiedName(NS), Loc) +
         "::" + RD->getName().str();
}

/// A statement appended to \p Block, before its closing brace: on a line of
/// its own, indented like the block's first statement, when the brace starts
/// a line.
std::optional<FixItHint> insertStatementAtEnd(const CompoundStmt *Block,
                                              llvm::StringRef Text,
                                              const SourceManager &SM) {
  SourceLocation RBrace = Block->getRBracLoc();
  if (RBrace.isInvalid() || !RBrace.isFileID())
    return std::nullopt;
  if (!utils::startsLine(RBrace, SM))
    return FixItHint::CreateInsertion(
        RBrace, ((Block->body_empty() ? " " : "") + Text + " ").str());
  std::string BraceIndent = utils::lineIndentation(RBrace, SM);
  std::string Inner = BraceIndent + "  ";
  if (!Block->body_empty()) {
    SourceLocation First = (*Block->body_begin())->getSourceRange().getBegin();
    if (First.isFileID() && utils::startsLine(First, SM))
      Inner = utils::lineIndentation(First, SM);
  }
  return FixItHint::CreateInsertion(
      RBrace.getLocWithOffset(-static_cast<int>(BraceIndent.size())),
      (Inner + Text + "\n").str());
}

/// A statement inserted before \p Before: on a line of its own when
/// \p Before starts a line.
std::optional<FixItHint> insertStatementBefore(const Stmt *Before,
                                               llvm::StringRef Text,
                                               const SourceManager &SM,
                                               const LangOptions &LangOpts) {
  SourceLocation Loc = Before->getSourceRange().getBegin();
  // A statement that a macro use begins (`LOG_ERROR(e);`) can be preceded in
  // the file by inserting before the macro's name.
  if (Loc.isMacroID() &&
      !Lexer::isAtStartOfMacroExpansion(Loc, SM, LangOpts, &Loc))
    return std::nullopt;
  if (Loc.isInvalid() || Loc.isMacroID())
    return std::nullopt;
  if (utils::startsLine(Loc, SM))
    return FixItHint::CreateInsertion(
        Loc, (Text + "\n" + utils::lineIndentation(Loc, SM)).str());
  return FixItHint::CreateInsertion(Loc, (Text + " ").str());
}

} // namespace

/// One coroutine body, walked once: the parent of every statement, its `try`
/// statements and `if` statements, and where awaited operations store error
/// codes.
struct SwallowedCancellationCheck::CoroutineContext {
  CoroutineContext(
      const FunctionDecl *Function, ASTContext &Ctx, const Stmt *Body,
      Framework Library, bool HasReturnVoid,
      const llvm::SmallPtrSetImpl<const CXXRecordDecl *> &CancellationClasses)
      : Function(Function), Ctx(Ctx), Body(Body), Library(Library),
        HasReturnVoid(HasReturnVoid), CancellationClasses(CancellationClasses) {
  }

  const FunctionDecl *Function;
  ASTContext &Ctx;
  const Stmt *Body;
  Framework Library;
  bool HasReturnVoid;
  const llvm::SmallPtrSetImpl<const CXXRecordDecl *> &CancellationClasses;
  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  llvm::SmallVector<const IfStmt *, 16> Ifs;
  llvm::SmallVector<ErrorCodeSite, 4> ErrorCodeSites;

  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }

  bool isInside(const Stmt *S, const Stmt *Ancestor) const {
    for (; S; S = parent(S))
      if (S == Ancestor)
        return true;
    return false;
  }

  const Stmt *enclosingLoop(const Stmt *S) const {
    for (S = parent(S); S; S = parent(S))
      if (isLoop(S))
        return S;
    return nullptr;
  }

  const Stmt *enclosingBreakTarget(const Stmt *S) const {
    for (S = parent(S); S; S = parent(S))
      if (isLoop(S) || llvm::isa<SwitchStmt>(S))
        return S;
    return nullptr;
  }

  /// Whether the coroutine can reach another suspension point once \p X
  /// has completed normally.
  bool reachesSuspensionAfter(const Stmt *X) const {
    for (;;) {
      const Stmt *P = parent(X);
      if (!P)
        return false;
      if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(P)) {
        bool After = false;
        for (const Stmt *Sibling : Compound->body()) {
          if (!After) {
            After = Sibling == X;
            continue;
          }
          if (hasSuspension(Sibling))
            return true;
          ExitSet Exits = utils::exitsOf(Sibling, Ctx);
          if (Exits.has(Exit::Continue) && enclosingLoop(Compound))
            return true;
          if (Exits.has(Exit::Break))
            if (const Stmt *Target = enclosingBreakTarget(Compound);
                Target && reachesSuspensionAfter(Target))
              return true;
          if (!Exits.has(Exit::FallThrough))
            return false;
        }
        X = P;
        continue;
      }
      // The loop runs its body again, and the body holds X.
      if (isLoop(P))
        return true;
      if (llvm::isa<CXXCatchStmt>(P)) {
        X = parent(P);
        continue;
      }
      if (llvm::isa<CXXTryStmt, IfStmt, SwitchStmt, SwitchCase, LabelStmt,
                    AttributedStmt>(P)) {
        X = P;
        continue;
      }
      return false;
    }
  }

  /// Whether the condition of \p If asks about cancellation: compares with
  /// `operation_aborted`, reads the coroutine's cancellation state, or tests
  /// for a cancellation exception class (`dynamic_cast`, a template
  /// argument such as `is_compatible_with<folly::OperationCancelled>()`).
  bool testsCancellation(const IfStmt *If) const {
    return mentionsCancellation(If->getInit()) ||
           mentionsCancellation(If->getConditionVariableDeclStmt()) ||
           mentionsCancellation(If->getCond());
  }

  /// Whether \p S (a condition) asks about cancellation; see
  /// testsCancellation().
  bool mentionsCancellation(const Stmt *S) const {
    bool Found = false;
    auto Visit = [&](const Stmt *S) {
      if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S)) {
        const ValueDecl *D = Ref->getDecl();
        if (D->getIdentifier() &&
            (D->getName() == "operation_aborted" ||
             D->getName() == "operation_canceled" ||
             (llvm::isa<VarDecl>(D) && D->getName() == "cancellation_state")))
          Found = true;
      } else if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
        if (const FunctionDecl *Callee = Call->getDirectCallee()) {
          if (Callee->getIdentifier() &&
              llvm::is_contained(
                  std::initializer_list<llvm::StringRef>{
                      "cancelled", "isCancellationRequested",
                      "is_cancellation_requested", "stop_requested"},
                  Callee->getName()))
            Found = true;
          if (const TemplateArgumentList *Args =
                  Callee->getTemplateSpecializationArgs())
            for (const TemplateArgument &Arg : Args->asArray())
              if (Arg.getKind() == TemplateArgument::Type &&
                  CancellationClasses.contains(recordOf(Arg.getAsType())))
                Found = true;
        }
      } else if (const auto *Cast = llvm::dyn_cast<CXXDynamicCastExpr>(S)) {
        Found |= CancellationClasses.contains(recordOf(Cast->getType()));
      } else if (const auto *TypeId = llvm::dyn_cast<CXXTypeidExpr>(S)) {
        if (TypeId->isTypeOperand())
          Found |= CancellationClasses.contains(
              recordOf(TypeId->getTypeOperandSourceInfo()->getType()));
      }
      return !Found;
    };
    utils::forEachEvaluatedStmt(S, Visit);
    return Found;
  }

  /// Which branches of \p If a path can take when the error codes that
  /// \p IsCancelled accepts hold `operation_aborted`.
  Branch branchWhenCancelled(const IfStmt *If,
                             CodePredicate IsCancelled) const {
    if (!If->getCond())
      return Branch::Both;
    switch (evaluateCancelled(If->getCond(), IsCancelled)) {
    case Truth::True:
      return Branch::Then;
    case Truth::False:
      return Branch::Else;
    case Truth::Unknown:
      break;
    }
    return testsCancellation(If) ? Branch::Guard : Branch::Both;
  }

  /// The exits of \p S for a cancellation whose error code \p IsCancelled
  /// recognises.
  ExitSet exitsWhenCancelled(const Stmt *S, CodePredicate IsCancelled) const {
    return utils::exitsOf(S, Ctx, [&](const IfStmt *If) {
      return branchWhenCancelled(If, IsCancelled);
    });
  }
};

namespace {

/// Whether \p E is an Asio completion token that stores the operation's
/// error code in a variable: a `redirect_error_t`, whatever made it.
bool isRedirectErrorToken(const Expr *E) {
  const auto *Spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      E->getType().getNonReferenceType()->getAsCXXRecordDecl());
  return Spec && Spec->getIdentifier() &&
         Spec->getName() == "redirect_error_t" &&
         isAsio(utils::frameworkOf(E->getType()));
}

/// The error code a redirect_error token stores into: the error-code
/// argument of the call that makes it (Asio's `redirect_error`, or a
/// project's wrapper such as `operator[](error_code &)`), through a
/// variable that holds the token.
const ValueDecl *redirectedCode(const Expr *Token) {
  for (int Hops = 0; Token && Hops < 4; ++Hops) {
    Token = utils::ignoreValuePreserving(Token);
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Token);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      Token = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Token)) {
      const ValueDecl *Found = nullptr;
      for (const Expr *Arg : Call->arguments())
        if (const ValueDecl *Code = errorCodeRef(Arg)) {
          if (Found && Found != Code)
            return nullptr; // two codes: which one is set is not known
          Found = Code;
        }
      return Found;
    }
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Token);
    const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->getInit())
      return nullptr;
    Token = Var->getInit();
  }
  return nullptr;
}

/// Walks the body of \p Coro once, filling in its parents, `try` and `if`
/// statements, and error code sites.
void collect(SwallowedCancellationCheck::CoroutineContext &Coro) {
  struct Item {
    const Stmt *S;
    const Stmt *Parent;
    const Stmt *Await; ///< The innermost suspension whose operand holds S.
  };
  auto AddSite = [&Coro](const ValueDecl *Code, const Stmt *Await,
                         Framework Hint) {
    Framework Library = utils::frameworkOf(suspensionOperand(Await)->getType());
    if (!isAsio(Library))
      Library = Hint;
    if (!isAsio(Library))
      Library = Coro.Library;
    if (isAsio(Library))
      Coro.ErrorCodeSites.push_back({Code, Await, Library});
  };
  // The suspension that \p Init is, under implicit nodes; null if it is not.
  auto AwaitedBy = [](const Expr *Init) -> const Stmt * {
    if (!Init)
      return nullptr;
    const Stmt *S = utils::ignoreValuePreserving(Init);
    return S && isSuspension(S) ? S : nullptr;
  };

  llvm::SmallVector<Item, 64> Stack;
  Stack.push_back({Coro.Body, nullptr, nullptr});
  while (!Stack.empty()) {
    Item Current = Stack.pop_back_val();
    const Stmt *S = Current.S;
    if (Current.Parent)
      Coro.Parents[S] = Current.Parent;
    if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
      // A `try` that a macro writes (a test framework's assertion around
      // `co_await f()`) is the macro's business, not a handler the user wrote.
      if (!Try->getTryLoc().isMacroID())
        Coro.Tries.push_back(Try);
    } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
      Coro.Ifs.push_back(If);
    } else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
      // `auto [ec, n] = co_await op(as_tuple(use_awaitable));` and
      // `error_code ec = co_await ...;`.
      for (const Decl *D : Decls->decls()) {
        const auto *Var = llvm::dyn_cast<VarDecl>(D);
        const Stmt *Await = Var ? AwaitedBy(Var->getInit()) : nullptr;
        if (!Await)
          continue;
        if (const auto *Decomposition =
                llvm::dyn_cast<DecompositionDecl>(Var)) {
          for (const BindingDecl *Binding : Decomposition->bindings())
            if (isErrorCodeType(Binding->getType()))
              AddSite(Binding, Await, Framework::Unknown);
        } else if (isErrorCodeType(Var->getType())) {
          AddSite(Var, Await, Framework::Unknown);
        }
      }
    } else if (const auto *Token = llvm::dyn_cast<Expr>(S);
               Token && Current.Await &&
               llvm::isa<CallExpr, DeclRefExpr>(Token) &&
               isRedirectErrorToken(Token)) {
      // `co_await op(redirect_error(use_awaitable, ec));`, and the same
      // through a project's own token: `op(net_awaitable[ec])`, or a
      // variable that holds one. Known by the token's type.
      if (const ValueDecl *Code = redirectedCode(Token))
        AddSite(Code, Current.Await, utils::frameworkOf(Token->getType()));
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
      // `std::tie(ec, n) = co_await op(as_tuple(use_awaitable));`
      if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
          Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        if (const Stmt *Await = AwaitedBy(Op->getArg(1)))
          if (const auto *Tie = llvm::dyn_cast<CallExpr>(
                  utils::ignoreValuePreserving(Op->getArg(0))))
            if (const FunctionDecl *TieFn = Tie->getDirectCallee();
                TieFn && TieFn->getIdentifier() && TieFn->getName() == "tie")
              for (const Expr *Arg : Tie->arguments())
                if (const ValueDecl *Code = errorCodeRef(Arg))
                  AddSite(Code, Await, Framework::Unknown);
    }
    const Stmt *Await = isSuspension(S) ? S : Current.Await;
    llvm::SmallVector<const Stmt *, 4> Children = utils::evaluatedChildren(S);
    for (auto It = Children.rbegin(), End = Children.rend(); It != End; ++It)
      Stack.push_back({*It, S, Await});
  }
}

/// Whether \p Handler takes the exception of \p C: not at all, as its own
/// type, or through a base class (or `...`).
/// Unknown: the handler's type depends on a template parameter, so it may
/// take the cancellation in some instantiations.
enum class Reception { None, Exact, Broad, Unknown };

Reception receives(const CXXCatchStmt *Handler, const Cancellation &C) {
  QualType Caught = Handler->getCaughtType();
  if (Caught.isNull())
    return Reception::Broad;
  if (Caught->isDependentType())
    return Reception::Unknown;
  Caught = Caught.getNonReferenceType();
  if (Caught->isPointerType())
    return Reception::None;
  const CXXRecordDecl *RD = recordOf(Caught);
  if (!RD)
    return Reception::None;
  const Reception Same =
      C.Kind == Cancellation::Exception ? Reception::Exact : Reception::Broad;
  if (C.Record) {
    if (RD->getCanonicalDecl() == C.Record->getCanonicalDecl())
      return Same;
    if (C.Record->hasDefinition() && C.Record->isDerivedFrom(RD))
      return Reception::Broad;
    return Reception::None;
  }
  // The class is not declared here; rely on its documented bases.
  std::string Name = utils::qualifiedName(RD);
  if (Name == C.Name)
    return Same;
  if (Name == "std::exception" ||
      (C.Kind == Cancellation::AsioError && Name == "std::runtime_error"))
    return Reception::Broad;
  return Reception::None;
}

/// The suspension points in \p S whose exceptions can reach a handler of the
/// `try` that \p S is the block of: those inside a nested `try` that catches
/// everything (`...` or std::exception) and never rethrows are left out.
bool hasExposedSuspension(const Stmt *S, const ASTContext &Ctx) {
  bool Found = false;
  utils::forEachEvaluatedStmt(S, [&](const Stmt *Child) {
    if (Found)
      return false;
    if (isSuspension(Child)) {
      Found = true;
      return false;
    }
    const auto *Try = llvm::dyn_cast<CXXTryStmt>(Child);
    if (!Try)
      return true;
    bool CatchesAll = false;
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      QualType Caught = Handler->getCaughtType();
      const CXXRecordDecl *RD = recordOf(Caught);
      const bool All =
          Caught.isNull() || (RD && !Caught->isPointerType() &&
                              utils::qualifiedName(RD) == "std::exception");
      if (All && !utils::exitsOf(Handler->getHandlerBlock(), Ctx)
                      .intersects({Exit::Throw, Exit::Jump}))
        CatchesAll = true;
    }
    if (!CatchesAll)
      return true;
    // Only the handlers can let an exception out.
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N && !Found; ++I)
      Found = hasSuspension(Try->getHandler(I)->getHandlerBlock());
    return false;
  });
  return Found;
}

/// Whether \p Handler hands the exception it caught on to someone who will
/// raise it: it captures `std::current_exception()` (to rethrow it later with
/// `std::rethrow_exception`, or to give it to a promise or a waiter), makes an
/// `exception_ptr` of it, or stores the exception or its error code in an
/// object that outlives the handler. Such a handler does not swallow the
/// cancellation; whether the receiver raises it is beyond this check's sight.
bool handsOffException(const CXXCatchStmt *Handler) {
  const VarDecl *Caught = Handler->getExceptionDecl();
  const Stmt *Block = Handler->getHandlerBlock();
  auto DeclaredInside = [&](const ValueDecl *D) {
    return D && Block->getSourceRange().fullyContains(D->getSourceRange());
  };
  // The caught exception itself, or its error code (`e`, `e.code()`): what a
  // waiter can raise again. Its message (`e.what()`) is not.
  auto RefersToCaught = [&](const Expr *E) {
    if (!Caught)
      return false;
    E = utils::ignoreValuePreserving(E)->IgnoreParenImpCasts();
    if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E))
      E = isExceptionCode(Member)
              ? Member->getImplicitObjectArgument()->IgnoreParenImpCasts()
              : nullptr;
    const auto *Ref = llvm::dyn_cast_or_null<DeclRefExpr>(E);
    return Ref && Ref->getDecl() == Caught;
  };
  // The variable (or member) an assignment's left side names.
  auto Target = [](const Expr *E) -> const ValueDecl * {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl();
    return nullptr;
  };
  bool Found = false;
  utils::forEachEvaluatedStmt(Block, [&](const Stmt *S) {
    if (Found)
      return false;
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "current_exception" ||
           Callee->getName() == "make_exception_ptr"))
        Found = true;
    }
    const Expr *LHS = nullptr;
    const Expr *RHS = nullptr;
    if (const auto *Assign = llvm::dyn_cast<BinaryOperator>(S);
        Assign && Assign->getOpcode() == BO_Assign) {
      LHS = Assign->getLHS();
      RHS = Assign->getRHS();
    } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      LHS = Op->getArg(0);
      RHS = Op->getArg(1);
    }
    if (LHS && RHS && RefersToCaught(RHS))
      if (const ValueDecl *D = Target(LHS); D && !DeclaredInside(D))
        Found = true;
    return !Found;
  });
  return Found;
}

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CancellationExceptions(Options.get(CancellationExceptionsKey, "")),
      StrictMode(
          utils::parseBoolOption(Options.get(StrictModeKey, "false"), false)) {}

SwallowedCancellationCheck::~SwallowedCancellationCheck() = default;

void SwallowedCancellationCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, CancellationExceptionsKey, CancellationExceptions);
  Options.store(Opts, StrictModeKey, utils::boolOptionText(StrictMode));
}

void SwallowedCancellationCheck::onStartOfTranslationUnit() {
  // Declarations are only meaningful within one translation unit.
  Known.clear();
}

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  utils::matchFunctionDefinitions(Finder, this);
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::classCancellation(ASTContext &Ctx,
                                              llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim();
  QualifiedName.consume_front("::");
  std::unique_ptr<Cancellation> &Entry = Known[QualifiedName];
  if (!Entry)
    Entry.reset(new Cancellation{Cancellation::Exception, QualifiedName.str(),
                                 utils::lookupClass(Ctx, QualifiedName),
                                 Framework::Unknown});
  return *Entry;
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::asioCancellation(ASTContext &Ctx, bool Boost) {
  // Boost.Asio throws boost::system::system_error; standalone Asio's
  // asio::system_error is std::system_error.
  llvm::StringRef Name =
      Boost ? "boost::system::system_error" : "std::system_error";
  std::unique_ptr<Cancellation> &Entry =
      Known[(Boost ? "asio:boost" : "asio:standalone")];
  if (!Entry)
    Entry.reset(new Cancellation{
        Cancellation::AsioError, Name.str(), utils::lookupClass(Ctx, Name),
        Boost ? Framework::BoostAsio : Framework::Asio});
  return *Entry;
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  const CoroutineBodyStmt *CoroBody = utils::getCoroutineBody(Function);
  if (!CoroBody || !CoroBody->getBody())
    return;
  ASTContext &Ctx = *Result.Context;

  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Classes;
  for (llvm::StringRef Name :
       {"folly::OperationCancelled", "cppcoro::operation_cancelled"})
    if (const CXXRecordDecl *RD = classCancellation(Ctx, Name).Record)
      Classes.insert(RD);
  for (const std::string &Name : utils::splitList(CancellationExceptions))
    if (const CXXRecordDecl *RD = classCancellation(Ctx, Name).Record)
      Classes.insert(RD);

  CoroutineContext Coro(Function, Ctx, CoroBody->getBody(),
                        utils::frameworkOf(Function->getReturnType()),
                        CoroBody->getFallthroughHandler() != nullptr, Classes);
  collect(Coro);
  for (const CXXTryStmt *Try : Coro.Tries)
    checkHandlers(Coro, Try);
  checkErrorCodeLoops(Coro);
}

void SwallowedCancellationCheck::checkHandlers(CoroutineContext &Coro,
                                               const CXXTryStmt *Try) {
  ASTContext &Ctx = Coro.Ctx;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!hasExposedSuspension(Try->getTryBlock(), Ctx))
    return;

  // What a cancelled suspension point in the block delivers depends on the
  // framework of the coroutine and of what it awaits.
  llvm::SmallVector<Framework, 4> Libraries{Coro.Library};
  utils::forEachEvaluatedStmt(Try->getTryBlock(), [&](const Stmt *S) {
    if (const Expr *Operand = suspensionOperand(S)) {
      Framework F = utils::frameworkOf(Operand->getType());
      if (!llvm::is_contained(Libraries, F))
        Libraries.push_back(F);
    }
    return true;
  });
  llvm::SmallVector<const Cancellation *, 4> Kinds;
  auto AddKind = [&Kinds](const Cancellation &C) {
    if (!llvm::is_contained(Kinds, &C))
      Kinds.push_back(&C);
  };
  for (Framework F : Libraries) {
    if (F == Framework::Folly)
      AddKind(classCancellation(Ctx, "folly::OperationCancelled"));
    else if (F == Framework::Cppcoro)
      AddKind(classCancellation(Ctx, "cppcoro::operation_cancelled"));
  }
  // A configured class that this translation unit does not declare cannot be
  // caught by name here; it is left out rather than guessed at.
  for (const std::string &Name : utils::splitList(CancellationExceptions))
    if (const Cancellation &C = classCancellation(Ctx, Name); C.Record)
      AddKind(C);
  for (Framework F : Libraries)
    if (isAsio(F))
      AddKind(asioCancellation(Ctx, F == Framework::BoostAsio));
  if (Kinds.empty())
    return;

  // Each cancellation goes to the first handler that can take it.
  struct Received {
    const Cancellation *C;
    bool Exact;
  };
  llvm::MapVector<const CXXCatchStmt *, llvm::SmallVector<Received, 2>>
      ByHandler;
  for (const Cancellation *C : Kinds) {
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      Reception R = receives(Handler, *C);
      if (R == Reception::None)
        continue;
      if (R != Reception::Unknown)
        ByHandler[Handler].push_back({C, R == Reception::Exact});
      break;
    }
  }

  for (const auto &[Handler, Receptions] : ByHandler) {
    const auto *Block = llvm::cast<CompoundStmt>(Handler->getHandlerBlock());
    if (handsOffException(Handler))
      continue;
    ExitSet Exits = Coro.exitsWhenCancelled(Block, isExceptionCode);
    ExitSet Swallows = Exits.without(Exits.without(Swallowing));
    if (Swallows.empty())
      continue;
    const bool Continues =
        (Swallows.has(Exit::FallThrough) && Coro.reachesSuspensionAfter(Try)) ||
        (Swallows.has(Exit::Continue) && Coro.enclosingLoop(Try)) ||
        (Swallows.has(Exit::Break) && [&] {
          const Stmt *Target = Coro.enclosingBreakTarget(Try);
          return Target && Coro.reachesSuspensionAfter(Target);
        }());
    const Received *Exact = nullptr;
    for (const Received &R : Receptions)
      if (R.Exact && !Exact)
        Exact = &R;
    const SourceLocation CatchLoc = Handler->getCatchLoc();

    if (Exact) {
      diag(CatchLoc, "handler for cancellation '%0' does not rethrow it; "
                     "%select{the caller of the coroutine never learns that "
                     "it was cancelled|the coroutine keeps running after it "
                     "is cancelled}1")
          << Exact->C->Name << Continues;
      // Appending `throw;` rethrows on the paths that reach the end of the
      // handler; other exits would still swallow the cancellation.
      if (Swallows == ExitSet(Exit::FallThrough))
        if (std::optional<FixItHint> Fix =
                insertStatementAtEnd(Block, "throw;", SM))
          diag(Block->getRBracLoc(),
               "rethrow the cancellation at the end of the handler",
               DiagnosticIDs::Note)
              << *Fix;
      continue;
    }
    if (!Continues && !StrictMode)
      continue;

    const Cancellation *Primary = Receptions.front().C;
    for (const Received &R : Receptions)
      if (R.C->Kind == Cancellation::Exception) {
        Primary = R.C;
        break;
      }
    const QualType Caught = Handler->getCaughtType();
    const bool CatchAll = Caught.isNull();
    const std::string CaughtSpelling =
        CatchAll ? std::string() : utils::spelledType(Caught, Ctx);
    if (Primary->Kind == Cancellation::Exception)
      diag(CatchLoc, "%select{handler for '%1'|catch-all handler}0 also "
                     "catches cancellation '%2' and does not rethrow it; "
                     "%select{the caller of the coroutine never learns that "
                     "it was cancelled|the coroutine keeps running after it "
                     "is cancelled}3")
          << CatchAll << CaughtSpelling << Primary->Name << Continues;
    else
      diag(CatchLoc, "%select{handler for '%1'|catch-all handler}0 also "
                     "catches the 'operation_aborted' error of a cancelled "
                     "operation and does not rethrow it; %select{the caller "
                     "of the coroutine never learns that it was "
                     "cancelled|the coroutine keeps running after it is "
                     "cancelled}2")
          << CatchAll << CaughtSpelling << Continues;

    // The fix lets every cancellation this handler receives through: a
    // rethrowing handler in front of it for exception classes, a test of the
    // code for Asio's system_error.
    llvm::SmallVector<FixItHint, 3> Fixes;
    bool Fixable = CatchLoc.isFileID();
    std::string Preceding;
    for (const Received &R : Receptions) {
      if (R.C->Kind != Cancellation::Exception)
        continue;
      if (!R.C->Record) {
        Fixable = false;
        continue;
      }
      Preceding += "catch (const " + spellClass(Ctx, R.C->Record, CatchLoc) +
                   " &) { throw; } ";
    }
    if (!Preceding.empty())
      Fixes.push_back(FixItHint::CreateInsertion(CatchLoc, Preceding));
    for (const Received &R : Receptions) {
      if (R.C->Kind != Cancellation::AsioError)
        continue;
      const VarDecl *Var = Handler->getExceptionDecl();
      const CXXRecordDecl *CaughtRecord = recordOf(Caught);
      if (!Var || !CaughtRecord || !R.C->Record || !Var->getTypeSourceInfo()) {
        Fixable = false;
        continue;
      }
      const bool IsSystemError =
          CaughtRecord->getCanonicalDecl() == R.C->Record->getCanonicalDecl();
      if (!IsSystemError && !Caught->isReferenceType()) {
        // A copy of a base class has lost the system_error.
        Fixable = false;
        continue;
      }
      std::string Name = Var->getName().str();
      if (Name.empty()) {
        // Name the exception, avoiding names the handler already uses.
        for (const char *Candidate : {"e", "ex", "exc", "error"}) {
          bool Used = false;
          utils::forEachEvaluatedStmt(Block, [&](const Stmt *S) {
            if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
              Used |= Ref->getDecl()->getIdentifier() &&
                      Ref->getDecl()->getName() == Candidate;
            return !Used;
          });
          if (!Used) {
            Name = Candidate;
            break;
          }
        }
        SourceLocation TypeEnd =
            Var->getTypeSourceInfo()->getTypeLoc().getEndLoc();
        SourceLocation After =
            Lexer::getLocForEndOfToken(TypeEnd, 0, SM, Ctx.getLangOpts());
        if (Name.empty() || TypeEnd.isMacroID() || After.isInvalid()) {
          Fixable = false;
          continue;
        }
        // `std::exception &` becomes `std::exception &e`, and
        // `std::exception&` becomes `std::exception& e`.
        const char *Before = SM.getCharacterData(TypeEnd);
        const bool SpaceBefore = Caught->isReferenceType() &&
                                 (Before[-1] == ' ' || Before[-1] == '\t');
        Fixes.push_back(
            FixItHint::CreateInsertion(After, SpaceBefore ? Name : " " + Name));
      }
      const std::string Aborted =
          utils::spellNamespace(Ctx, utils::profile(R.C->Library).Namespace,
                                CatchLoc) +
          "::error::operation_aborted";
      std::string Test;
      if (IsSystemError) {
        Test = "if (" + Name + ".code() == " + Aborted + ") throw;";
      } else {
        const std::string SystemError =
            R.C->Library == Framework::BoostAsio
                ? utils::spellNamespace(Ctx, "boost::system", CatchLoc) +
                      "::system_error"
                : "std::system_error";
        const std::string Ptr = Name == "se" ? "sys" : "se";
        Test = "if (auto *" + Ptr + " = dynamic_cast<const " + SystemError +
               " *>(&" + Name + "); " + Ptr + " && " + Ptr +
               "->code() == " + Aborted + ") throw;";
      }
      std::optional<FixItHint> Insert =
          Block->body_empty()
              ? insertStatementAtEnd(Block, Test, SM)
              : insertStatementBefore(*Block->body_begin(), Test, SM,
                                      Ctx.getLangOpts());
      if (!Insert) {
        Fixable = false;
        continue;
      }
      Fixes.push_back(*Insert);
    }
    if (Fixable && !Fixes.empty())
      diag(CatchLoc, "rethrow the cancellation before handling other errors",
           DiagnosticIDs::Note)
          << Fixes;
  }
}

void SwallowedCancellationCheck::checkErrorCodeLoops(CoroutineContext &Coro) {
  if (Coro.ErrorCodeSites.empty())
    return;
  const SourceManager &SM = Coro.Ctx.getSourceManager();

  llvm::SmallVector<ErrorTest, 8> Tests;
  for (const IfStmt *If : Coro.Ifs)
    if (std::optional<TruthTest> T = truthTest(If->getCond()))
      Tests.push_back({If, *T});

  llvm::DenseSet<std::pair<const Stmt *, const ValueDecl *>> Done;
  for (const ErrorTest &Found : Tests) {
    const IfStmt *If = Found.If;
    const ValueDecl *Code = Found.Test.Code;
    const Stmt *Loop = Coro.enclosingLoop(If);
    if (!Loop || !Done.insert({Loop, Code}).second)
      continue;
    const ErrorCodeSite *Site = nullptr;
    for (const ErrorCodeSite &Candidate : Coro.ErrorCodeSites)
      if (Candidate.Code == Code && Coro.isInside(Candidate.Await, Loop)) {
        Site = &Candidate;
        break;
      }
    if (!Site)
      continue;
    auto IsCode = [Code](const Expr *E) {
      const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
      return Ref && Ref->getDecl() == Code;
    };

    // The loop stops on errors, or on cancellation, somewhere: its condition
    // reads the code, or some `if` in it leaves when the code holds
    // operation_aborted.
    const Expr *Cond = loopCondition(Loop);
    if (Cond && (references(Cond, Code) || Coro.mentionsCancellation(Cond)))
      continue;
    bool Handled = false;
    for (const IfStmt *Other : Coro.Ifs) {
      if (Handled || !Coro.isInside(Other, Loop))
        continue;
      const Branch Taken = Coro.branchWhenCancelled(Other, IsCode);
      if (Taken == Branch::Both)
        continue;
      auto Leaves = [&](const Stmt *S) {
        if (!S)
          return false;
        ExitSet Exits = Coro.exitsWhenCancelled(S, IsCode);
        return !Exits.empty() && Exits.isSubsetOf(LeavingLoop);
      };
      Handled = ((Taken == Branch::Then || Taken == Branch::Guard) &&
                 Leaves(Other->getThen())) ||
                ((Taken == Branch::Else || Taken == Branch::Guard) &&
                 Leaves(Other->getElse()));
    }
    const Stmt *ErrorBranch =
        Found.Test.Positive ? If->getThen() : If->getElse();
    if (Handled) {
      checkTerminalRead(Coro, Found.If, Code, Found.Test.Ref, Site->Await, Loop,
                        ErrorBranch);
      continue;
    }
    if (!Coro.exitsWhenCancelled(ErrorBranch, IsCode)
             .intersects({Exit::FallThrough, Exit::Continue}))
      continue;

    // No path in the loop stops on cancellation; the first test of the code
    // is reported.
    diag(Found.Test.Ref->getBeginLoc(),
         "error code %0 of an awaited operation is handled without checking "
         "for 'operation_aborted'; the loop keeps running after the "
         "operation is cancelled")
        << Code;
    diag(Site->Await->getBeginLoc(), "%0 is set by the operation awaited here",
         DiagnosticIDs::Note)
        << Code;

    // `co_return;` needs a coroutine without a result, and the error code
    // must already be declared where the test is inserted.
    const Stmt *Parent = Coro.parent(If);
    const SourceLocation IfBegin = If->getBeginLoc();
    if (!Coro.HasReturnVoid || !Parent || !llvm::isa<CompoundStmt>(Parent) ||
        !SM.isBeforeInTranslationUnit(Code->getLocation(), IfBegin))
      continue;
    const std::string Guard =
        "if (" + Code->getName().str() + " == " +
        utils::spellNamespace(Coro.Ctx, utils::profile(Site->Library).Namespace,
                              IfBegin) +
        "::error::operation_aborted) co_return;";
    if (std::optional<FixItHint> Fix =
            insertStatementBefore(If, Guard, SM, Coro.Ctx.getLangOpts()))
      diag(IfBegin,
           "return from the coroutine when the operation was "
           "cancelled",
           DiagnosticIDs::Note)
          << *Fix;
  }
}

// A read that ended its stream reports eof (or Beast's end_of_stream or
// closed) and keeps reporting it: a loop that treats it like a transient
// error reads again for ever. Checked where the loop already stops on
// cancellation, so that one `if` gets one finding.
void SwallowedCancellationCheck::checkTerminalRead(
    CoroutineContext &Coro, const IfStmt *If, const ValueDecl *Code,
    const Expr *Ref, const Stmt *Await, const Stmt *Loop,
    const Stmt *ErrorBranch) {
  std::optional<utils::TerminalError> Terminal =
      utils::terminalErrorOfRead(suspensionOperand(Await));
  if (!Terminal || !ErrorBranch ||
      utils::mentionsTerminalError(loopCondition(Loop)) ||
      utils::mentionsTerminalError(utils::loopBody(Loop)) ||
      !utils::exitsOf(ErrorBranch, Coro.Ctx)
           .intersects({Exit::FallThrough, Exit::Continue}))
    return;
  const SourceLocation IfBegin = If->getBeginLoc();
  const std::string Enumerator =
      utils::spellNamespace(Coro.Ctx, Terminal->Namespace, IfBegin) +
      "::error::" + Terminal->Name.str();
  diag(Ref->getBeginLoc(),
       "error code %0 of an awaited read is handled like a transient error "
       "when it is '%1'; the loop reads again from a stream that has ended")
      << Code << Enumerator;
  diag(Await->getBeginLoc(), "%0 is set by the read awaited here",
       DiagnosticIDs::Note)
      << Code;
  // `break` leaves the loop only from its own body, outside any switch.
  const SourceManager &SM = Coro.Ctx.getSourceManager();
  if (Coro.parent(If) != utils::loopBody(Loop) ||
      !SM.isBeforeInTranslationUnit(Code->getLocation(), IfBegin))
    return;
  const std::string Guard =
      "if (" + Code->getName().str() + " == " + Enumerator + ") break;";
  if (std::optional<FixItHint> Fix =
          insertStatementBefore(If, Guard, SM, Coro.Ctx.getLangOpts()))
    diag(IfBegin, "leave the loop when the stream has ended",
         DiagnosticIDs::Note)
        << *Fix;
}

} // namespace clang::tidy::async
