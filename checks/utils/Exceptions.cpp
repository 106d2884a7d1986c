//===--- Exceptions.cpp - where an exception can leave a body -------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Exceptions.h"
#include "ComposedOperations.h"
#include "Coroutines.h"
#include "ErrorCodes.h"
#include "Frameworks.h"
#include "Names.h"
#include "Sessions.h"
#include "TaskTypes.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

namespace {

/// How many calls deep the analysis follows visible definitions; a callee
/// further down that is not declared non-throwing counts as throwing. Header
/// libraries nest deep (a `tl::expected` built from a value delegates three
/// times); each definition is analysed once per unit.
constexpr unsigned MaxDepth = 8;

/// Whether \p Handler catches an exception of type \p Thrown; a null
/// \p Thrown is an exception of unknown type, which a call or an await
/// raises.
bool catches(const CXXCatchStmt *Handler, QualType Thrown,
             const ASTContext &Ctx) {
  QualType Caught = Handler->getCaughtType();
  if (Caught.isNull())
    return true; // catch (...)
  Caught = Caught.getNonReferenceType().getUnqualifiedType();
  // What a template's handler catches is not known: assume it is caught.
  if (Caught->isDependentType())
    return true;
  if (Thrown.isNull()) {
    const CXXRecordDecl *RD = Caught->getAsCXXRecordDecl();
    return RD && qualifiedName(RD) == "std::exception";
  }
  Thrown = Thrown.getNonReferenceType().getUnqualifiedType();
  if (Thrown->isDependentType())
    return true;
  if (Thrown->isPointerType() && Caught->isPointerType()) {
    Thrown = Thrown->getPointeeType().getUnqualifiedType();
    Caught = Caught->getPointeeType().getUnqualifiedType();
  }
  if (Ctx.hasSameUnqualifiedType(Thrown, Caught))
    return true;
  const CXXRecordDecl *ThrownClass = Thrown->getAsCXXRecordDecl();
  const CXXRecordDecl *CaughtClass = Caught->getAsCXXRecordDecl();
  if (!ThrownClass || !CaughtClass)
    return false;
  ThrownClass = ThrownClass->getDefinition();
  CaughtClass = CaughtClass->getCanonicalDecl();
  return ThrownClass && ThrownClass->isDerivedFrom(CaughtClass);
}

/// Whether a handler of one of \p Trys (innermost last) catches \p Thrown.
bool caught(llvm::ArrayRef<const CXXTryStmt *> Trys, QualType Thrown,
            const ASTContext &Ctx) {
  for (const CXXTryStmt *Try : Trys)
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
      if (catches(Try->getHandler(I), Thrown, Ctx))
        return true;
  return false;
}

/// Whether a function of type \p Proto is declared non-throwing; nothing
/// when its exception specification is not resolved yet.
std::optional<bool> declaredNothrow(const FunctionProtoType *Proto) {
  if (!Proto || isUnresolvedExceptionSpec(Proto->getExceptionSpecType()))
    return std::nullopt;
  // A specification that depends on a template parameter is not known.
  return Proto->canThrow() != CT_Can;
}

/// Whether a function of the standard library is one that throws on bad
/// input or state, rather than only when memory runs out or on a
/// programming error (`at`, `value()` of an empty optional): rethrowing,
/// futures, conversions from text, calls of a user's callable, threads and
/// the file system.
bool stdFunctionThrows(const FunctionDecl *FD, llvm::StringRef QualifiedName) {
  if (QualifiedName.starts_with("std::filesystem::"))
    return true;
  if (FD->getDeclName().getNameKind() == DeclarationName::CXXOperatorName)
    return FD->getOverloadedOperator() == OO_Call;
  if (QualifiedName == "std::future::get" ||
      QualifiedName == "std::shared_future::get")
    return true;
  static const llvm::StringSet<> Throwing = {"rethrow_exception",
                                             "throw_with_nested",
                                             "rethrow_if_nested",
                                             "any_cast",
                                             "invoke",
                                             "apply",
                                             "visit",
                                             "stoi",
                                             "stol",
                                             "stoll",
                                             "stoul",
                                             "stoull",
                                             "stof",
                                             "stod",
                                             "stold",
                                             "thread",
                                             "jthread",
                                             "join"};
  return FD->getIdentifier() && Throwing.contains(FD->getName());
}

/// Whether what \p Callee throws is the business of its library's
/// documentation rather than of the code its headers show: it is declared
/// in a system header, or by a framework, wherever the framework's headers
/// are (a copy of Asio vendored into a project is still Asio).
bool judgedByDocumentation(const FunctionDecl *Callee) {
  return declaredInLibraryHeader(Callee) ||
         frameworkOf(Callee) != Framework::Unknown;
}

/// Whether \p FD belongs to a framework whose operations report failure by
/// value (a status, an optional), not by throwing.
bool failsByValue(const Decl *FD) {
  Framework F = frameworkOf(FD);
  return F != Framework::Unknown && !profile(F).OperationsThrow;
}

/// Whether an await receives its operation's error as a value instead of an
/// exception: its result is an error code or a tuple holding one (Asio's
/// `as_tuple`, `as_single`), or the operation is given a token that stores
/// the code (`redirect_error`).
bool deliversErrorAsValue(const CoroutineSuspendExpr *Await) {
  QualType Result = Await->getType();
  if (isErrorCodeType(Result))
    return true;
  if (const auto *Tuple =
          llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
              Result.isNull() ? nullptr : Result->getAsCXXRecordDecl());
      Tuple && qualifiedName(Tuple) == "std::tuple")
    for (const TemplateArgument &Arg : Tuple->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Pack) {
        for (const TemplateArgument &Element : Arg.pack_elements())
          if (Element.getKind() == TemplateArgument::Type &&
              isErrorCodeType(Element.getAsType()))
            return true;
      }
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(
      ignoreValuePreserving(Await->getOperand())->IgnoreParenImpCasts());
  if (!Call)
    return false;
  for (const Expr *Arg : Call->arguments())
    if (const CXXRecordDecl *Token = classDeclOf(Arg->getType())) {
      Framework F = frameworkOf(Token);
      if ((F == Framework::BoostAsio || F == Framework::Asio) &&
          Token->getName() == "redirect_error_t")
        return true;
    }
  return false;
}

/// Whether the token at \p Loc was written in a file, directly or in
/// arguments of macros used there, rather than in a macro's definition.
bool writtenInFile(SourceLocation Loc, const SourceManager &SM) {
  while (Loc.isMacroID()) {
    if (!SM.isMacroArgExpansion(Loc))
      return false;
    Loc = SM.getImmediateSpellingLoc(Loc);
  }
  return Loc.isValid();
}

/// The function a call expression calls directly, through `co_await`'s
/// value-preserving wrappers.
const FunctionDecl *awaitedCallee(const Expr *E) {
  const auto *Call = llvm::dyn_cast_or_null<CallExpr>(
      ignoreValuePreserving(E)->IgnoreParenImpCasts());
  return Call ? Call->getDirectCallee() : nullptr;
}

bool isErrorCodeReference(QualType T);

/// The variable \p E names, through casts and conversions.
const ValueDecl *namedVariable(const Expr *E) {
  if (!E)
    return nullptr;
  // Through implicit conversions (a std::string handed over as a
  // string_view) and a copy or conversion construction.
  E = E->IgnoreUnlessSpelledInSource()->IgnoreParenImpCasts();
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = Construct->getArg(0)->IgnoreUnlessSpelledInSource();
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E);
  return Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// An input that a condition checked with an operation's error_code form:
/// the condition calls a function whose visible body runs that form on
/// the input (`is_hostname(host)` calls `make_address(host, ec)`).
struct Validation {
  const ValueDecl *Input;
  /// The name of the operation whose error_code form checked it.
  DeclarationName Operation;
  /// The statements the condition guards.
  llvm::SmallVector<const Stmt *, 2> Guarded;
};

/// The validations the condition of \p If makes.
void collectValidations(const IfStmt *If,
                        llvm::SmallVectorImpl<Validation> &Out) {
  forEachEvaluatedStmt(If->getCond(), [&](const Stmt *S) {
    const auto *Check = llvm::dyn_cast<CallExpr>(S);
    const FunctionDecl *Checker = Check ? Check->getDirectCallee() : nullptr;
    const FunctionDecl *Def = Checker ? Checker->getDefinition() : nullptr;
    if (!Def || Def->getNumParams() != Check->getNumArgs())
      return true;
    for (unsigned I = 0, N = Check->getNumArgs(); I < N; ++I) {
      const ValueDecl *Input = namedVariable(Check->getArg(I));
      if (!Input)
        continue;
      // The checker's body runs an error_code form on that parameter.
      forEachEvaluatedStmt(Def->getBody(), [&](const Stmt *Inner) {
        const auto *Op = llvm::dyn_cast<CallExpr>(Inner);
        const FunctionDecl *Form = Op ? Op->getDirectCallee() : nullptr;
        const unsigned Params = Form ? Form->getNumParams() : 0;
        if (!Form || Params == 0 ||
            !isErrorCodeReference(Form->getParamDecl(Params - 1)->getType()))
          return true;
        for (const Expr *Arg : Op->arguments())
          if (namedVariable(Arg) == Def->getParamDecl(I))
            Out.push_back(
                {Input, Form->getDeclName(), {If->getThen(), If->getElse()}});
        return true;
      });
    }
    return true;
  });
}

/// Whether \p Call, a throwing form, runs on an input that a condition
/// around it checked with the same operation's error_code form.
bool isValidated(const CallExpr *Call, llvm::ArrayRef<Validation> Validations,
                 const SourceManager &SM) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Call->getNumArgs() == 0)
    return false;
  const ValueDecl *Input = namedVariable(Call->getArg(0));
  return Input && llvm::any_of(Validations, [&](const Validation &V) {
           return V.Input == Input && V.Operation == Callee->getDeclName() &&
                  llvm::any_of(V.Guarded, [&](const Stmt *Branch) {
                    return Branch && SM.isPointWithin(Call->getBeginLoc(),
                                                      Branch->getBeginLoc(),
                                                      Branch->getEndLoc());
                  });
         });
}

} // namespace

const FunctionDecl *visibleDefinition(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *Def = FD->getDefinition())
    return Def;
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (const FunctionDecl *Def = Pattern->getDefinition())
      return Def;
  return nullptr;
}

std::optional<EscapingThrow>
ExceptionAnalysis::firstEscaping(const Stmt *Body) {
  return firstEscaping(Body, 0);
}

bool ExceptionAnalysis::callCanThrow(const FunctionDecl *Callee) {
  return callCanThrow(Callee, 0);
}

std::optional<std::pair<const FunctionDecl *, EscapingThrow>>
ExceptionAnalysis::escapeInside(const EscapingThrow &Site) {
  const FunctionDecl *Callee = nullptr;
  if (Site.Kind == EscapingThrow::Await) {
    const auto *Suspend = llvm::dyn_cast<CoroutineSuspendExpr>(Site.Site);
    Callee = Suspend ? awaitedCallee(Suspend->getOperand()) : nullptr;
  } else if (Site.Kind == EscapingThrow::Call) {
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Site.Site)) {
      Callee = Call->getDirectCallee();
      // `std::make_shared<T>(args)` throws what the constructor throws.
      if (const CXXConstructorDecl *Made = madeConstructor(Call))
        Callee = Made;
    } else if (const auto *Construct =
                   llvm::dyn_cast<CXXConstructExpr>(Site.Site))
      Callee = Construct->getConstructor();
  }
  const FunctionDecl *Def = visibleDefinition(Callee);
  // A call of a coroutine throws nothing at the call; its await does. A
  // library's documentation, not its implementation, says what it throws.
  if (!Def || isCoroutine(Def) != (Site.Kind == EscapingThrow::Await) ||
      judgedByDocumentation(Callee))
    return std::nullopt;
  for (const Expr *Init : initializerExprs(Def))
    if (std::optional<EscapingThrow> Inner = firstEscaping(Init, 0))
      return std::make_pair(Def, *Inner);
  if (std::optional<EscapingThrow> Inner = firstEscaping(getUserBody(Def), 0))
    return std::make_pair(Def, *Inner);
  return std::nullopt;
}

bool ExceptionAnalysis::bodyCanThrow(const FunctionDecl *Coroutine) {
  const FunctionDecl *Def = visibleDefinition(Coroutine);
  return Def && isCoroutine(Def) && definitionCanThrow(Def, 0);
}

std::optional<EscapingThrow> ExceptionAnalysis::firstEscaping(const Stmt *Body,
                                                              unsigned Depth) {
  return walk(Body, {}, nullptr, Depth);
}

std::optional<EscapingThrow>
ExceptionAnalysis::walk(const Stmt *Root,
                        llvm::ArrayRef<const CXXTryStmt *> Trys,
                        const CXXCatchStmt *Handler, unsigned Depth) {
  std::optional<EscapingThrow> Found;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Escapes = [&](QualType Thrown) { return !caught(Trys, Thrown, Ctx); };
  // Inputs a condition checked with an operation's error_code form; the
  // throwing form on them, under that condition, is not evidence.
  llvm::SmallVector<Validation, 2> Validations;
  forEachEvaluatedStmtInContext(
      Root, Ctx, [&](const Stmt *S, const EvaluationContext &) {
        if (Found)
          return false;
        if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
          // The try block within this `try`'s handlers; the handlers'
          // blocks only within the enclosing ones.
          llvm::SmallVector<const CXXTryStmt *, 4> Inner(Trys.begin(),
                                                         Trys.end());
          Inner.push_back(Try);
          Found = walk(Try->getTryBlock(), Inner, Handler, Depth);
          for (unsigned I = 0, N = Try->getNumHandlers(); I < N && !Found; ++I)
            Found = walk(Try->getHandler(I)->getHandlerBlock(), Trys,
                         Try->getHandler(I), Depth);
          return false;
        }
        // What a macro writes is not the user's code: a test framework's
        // EXPECT_TRUE calls functions that are not `noexcept` but report
        // failures without throwing. Macro arguments are the user's.
        if (!writtenInFile(S->getBeginLoc(), SM))
          return true;
        if (const auto *If = llvm::dyn_cast<IfStmt>(S))
          collectValidations(If, Validations);
        if (const auto *Throw = llvm::dyn_cast<CXXThrowExpr>(S)) {
          // `throw;` rethrows what its handler caught.
          QualType Thrown;
          if (const Expr *Operand = Throw->getSubExpr())
            Thrown = Operand->getType();
          else if (Handler)
            Thrown = Handler->getCaughtType();
          if (Escapes(Thrown))
            Found = EscapingThrow{EscapingThrow::Throw, S};
          // Building the exception object is not counted: should it fail,
          // what escapes is the failure of a throw that was escaping anyway.
          return false;
        }
        bool Throws = false;
        EscapingThrow::KindType Kind = EscapingThrow::Call;
        if (const auto *Call = llvm::dyn_cast<CallExpr>(S)) {
          if (Call->isTypeDependent() || Call->getCallee()->isTypeDependent())
            return true;
          if (const FunctionDecl *Callee = Call->getDirectCallee()) {
            Throws = callCanThrow(Callee, Depth) ||
                     (Mode == Evidence::Shown && isThrowingTwin(Callee) &&
                      hasRunTimeInput(Call, Ctx) &&
                      !isValidated(Call, Validations, SM));
            // `std::make_shared<T>(args)` runs the constructor it selects.
            if (!Throws)
              if (const CXXConstructorDecl *Made = madeConstructor(Call))
                Throws = callCanThrow(Made, Depth);
          } else {
            // A call through a pointer: only its type can tell.
            QualType T = Call->getCallee()->getType();
            if (const auto *Pointer = T->getAs<PointerType>())
              T = Pointer->getPointeeType();
            else if (const auto *Member = T->getAs<MemberPointerType>())
              T = Member->getPointeeType();
            Throws =
                !declaredNothrow(T->getAs<FunctionProtoType>()).value_or(true);
          }
        } else if (const auto *Construct =
                       llvm::dyn_cast<CXXConstructExpr>(S)) {
          Throws = callCanThrow(Construct->getConstructor(), Depth) ||
                   (Mode == Evidence::Shown &&
                    isThrowingTwin(Construct->getConstructor()) &&
                    hasRunTimeInput(Construct, Ctx));
        } else if (const auto *New = llvm::dyn_cast<CXXNewExpr>(S)) {
          Throws = New->getOperatorNew() &&
                   callCanThrow(New->getOperatorNew(), Depth);
        } else if (llvm::isa<CoroutineSuspendExpr>(S)) {
          Throws = awaitCanThrow(S, Depth);
          Kind = EscapingThrow::Await;
        }
        if (Throws && Escapes(QualType()))
          Found = EscapingThrow{Kind, S};
        return !Found;
      });
  return Found;
}

namespace {

bool isErrorCodeReference(QualType T) {
  return T->isLValueReferenceType() &&
         isErrorCodeType(T.getNonReferenceType().getUnqualifiedType());
}

/// Whether the value of \p E is fixed by the code: a literal, a constant
/// expression, or an object built from such values.
bool isFixedByCode(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return true;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (llvm::isa<StringLiteral, CXXDefaultArgExpr>(E) || E->isEvaluatable(Ctx))
    return true;
  if (const auto *Cast = llvm::dyn_cast<CastExpr>(E))
    return isFixedByCode(Cast->getSubExpr(), Ctx);
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E))
    return llvm::all_of(Construct->arguments(), [&](const Expr *Arg) {
      return isFixedByCode(Arg, Ctx);
    });
  if (const auto *List = llvm::dyn_cast<InitListExpr>(E))
    return llvm::all_of(List->inits(), [&](const Expr *Init) {
      return isFixedByCode(Init, Ctx);
    });
  return false;
}

} // namespace

/// Whether the visible body of \p Callee throws the error it got through
/// its framework's throw helper (`detail::throw_error(ec, "bind")`).
bool callsThrowHelper(const FunctionDecl *Callee) {
  const FunctionDecl *Def = Callee->getDefinition();
  const Stmt *Body = Def ? Def->getBody() : nullptr;
  bool Found = false;
  forEachEvaluatedStmt(Body, [&Found](const Stmt *S) {
    if (const auto *Call = llvm::dyn_cast<CallExpr>(S))
      Found |= isThrowHelper(Call->getDirectCallee());
    return !Found;
  });
  return Found;
}

bool runsEventLoopUnderHandler(const Stmt *Body, const ASTContext &Ctx) {
  bool Found = false;
  forEachEvaluatedStmt(Body, [&](const Stmt *S) {
    const auto *Try = llvm::dyn_cast<CXXTryStmt>(S);
    if (!Try)
      return !Found;
    bool Handles = false;
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
      Handles |= catches(Try->getHandler(I), QualType(), Ctx);
    if (Handles)
      forEachEvaluatedStmt(Try->getTryBlock(), [&](const Stmt *Inner) {
        if (const auto *Run = llvm::dyn_cast<CallExpr>(Inner))
          Found = isExecutionContextRun(Run->getDirectCallee());
        return !Found;
      });
    return !Found;
  });
  return Found;
}

const CXXConstructorDecl *madeConstructor(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const CXXRecordDecl *Class = madeClass(Callee);
  if (!Class || !Class->hasDefinition())
    return nullptr;
  unsigned Args = Call->getNumArgs();
  // allocate_shared takes the allocator first.
  if (qualifiedName(Callee) == "std::allocate_shared" && Args > 0)
    --Args;
  const CXXConstructorDecl *Found = nullptr;
  for (const CXXConstructorDecl *Ctor : Class->getDefinition()->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted() ||
        Ctor->getMinRequiredArguments() > Args ||
        (!Ctor->isVariadic() && Ctor->getNumParams() < Args))
      continue;
    if (Found)
      return nullptr; // More than one would do: overload resolution decides.
    Found = Ctor;
  }
  return Found;
}

bool isThrowingTwin(const FunctionDecl *Callee) {
  const Framework F = Callee ? frameworkOf(Callee) : Framework::Unknown;
  if ((F != Framework::BoostAsio && F != Framework::Asio) || neverFails(Callee))
    return false;
  // A constructor that opens, binds or listens (an acceptor built on an
  // endpoint) has no error_code twin; its body says it throws.
  if (llvm::isa<CXXConstructorDecl>(Callee) ||
      !Callee->getDeclName().isIdentifier())
    return callsThrowHelper(Callee);
  const unsigned N = Callee->getNumParams();
  if (N > 0 && isErrorCodeReference(Callee->getParamDecl(N - 1)->getType()))
    return false;
  for (const NamedDecl *D :
       Callee->getDeclContext()->getRedeclContext()->lookup(
           Callee->getDeclName())) {
    const FunctionDecl *Other = D->getAsFunction();
    if (Other && Other != Callee && Other->getNumParams() == N + 1 &&
        isErrorCodeReference(Other->getParamDecl(N)->getType()))
      return true;
  }
  return callsThrowHelper(Callee);
}

bool hasRunTimeInput(const Expr *Call, const ASTContext &Ctx) {
  // An operation on an I/O object acts on its state (a connection the peer
  // may have reset).
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call);
      Member && !llvm::cast<CXXMethodDecl>(Member->getCalleeDecl())->isStatic())
    return true;
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *CE = llvm::dyn_cast<CallExpr>(Call))
    Args.append(CE->arg_begin(), CE->arg_end());
  else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Call))
    Args.append(Construct->arg_begin(), Construct->arg_end());
  // What an I/O object is built on is not input it acts on.
  return llvm::any_of(Args, [&](const Expr *Arg) {
    return !isFixedByCode(Arg, Ctx) &&
           !isExecutionContextOrExecutor(Arg->getType());
  });
}

llvm::SmallVector<std::pair<const FunctionDecl *, EscapingThrow>, 4>
ExceptionAnalysis::pathInside(EscapingThrow Site) {
  constexpr unsigned MaxSteps = 8;
  llvm::SmallVector<std::pair<const FunctionDecl *, EscapingThrow>, 4> Steps;
  while (Steps.size() < MaxSteps) {
    auto Inner = escapeInside(Site);
    if (!Inner)
      break;
    Site = Inner->second;
    Steps.push_back(*Inner);
  }
  return Steps;
}

bool ExceptionAnalysis::callCanThrow(const FunctionDecl *Callee,
                                     unsigned Depth) {
  if (!Callee)
    return true;
  // A throwing form whose error path the framework never takes, wherever
  // its headers are (a vendored copy of Asio is not a system header).
  if (Mode == Evidence::Shown && neverFails(Callee))
    return false;
  // C functions do not throw (the thread cancellation that unwinds through
  // `recv` is no exception a handler deals with).
  if (Callee->getBuiltinID() || llvm::isa<CXXDestructorDecl>(Callee) ||
      Callee->isTrivial() || Callee->isExternC())
    return false;
  std::optional<bool> Nothrow =
      declaredNothrow(Callee->getType()->getAs<FunctionProtoType>());
  if (Nothrow.value_or(false))
    return false;
  // The standard library throws mostly when memory runs out, which is not
  // counted; what it throws on purpose is listed.
  const std::string Name = qualifiedName(Callee);
  if (llvm::StringRef(Name).starts_with("std::"))
    return stdFunctionThrows(Callee, Name);
  // Without a resolved specification (an implicit member Sema never needed
  // to resolve), only a visible body can say it throws; nor can an
  // operation of a framework that reports failure by value.
  const bool Unknown = !Nothrow.has_value() || failsByValue(Callee);
  const FunctionDecl *Def = visibleDefinition(Callee);
  if (Mode == Evidence::Shown)
    return !failsByValue(Callee) && shownToThrow(Callee, Def, Depth);
  // A coroutine's body throws into its task, not at the call.
  if (Def && isCoroutine(Def))
    return false;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
      !Method->getParent()->hasAttr<FinalAttr>())
    return !Unknown; // An override may throw what this body does not.
  if (!Def || Depth >= MaxDepth)
    return !Unknown;
  return definitionCanThrow(Def, Depth + 1);
}

namespace {

// `value()` of a result that carries an error instead of a value
// (boost::system::result, outcome, expected): documented to throw the error.
bool isErrorResultValue(const FunctionDecl *Callee) {
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->getIdentifier() || Method->getName() != "value")
    return false;
  const CXXRecordDecl *Class = Method->getParent();
  return Class && llvm::any_of(Class->methods(), [](const CXXMethodDecl *M) {
           return M->getIdentifier() &&
                  (M->getName() == "error" || M->getName() == "has_error");
         });
}

} // namespace

bool ExceptionAnalysis::shownToThrow(const FunctionDecl *Callee,
                                     const FunctionDecl *Def, unsigned Depth) {
  // A library says what it throws in its documentation, not in the code
  // its headers happen to show (nor does a framework's copy vendored into a
  // project): only what never returns, and the value of an error-carrying
  // result, throw on purpose.
  if (judgedByDocumentation(Callee))
    return Callee->isNoReturn() || isErrorResultValue(Callee);
  // A coroutine's body throws into its task, not at the call; an override
  // or a body in another unit is not in sight.
  if (!Def || isCoroutine(Def) || Depth >= MaxDepth)
    return false;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
      !Method->getParent()->hasAttr<FinalAttr>())
    return false;
  return definitionCanThrow(Def, Depth + 1);
}

bool ExceptionAnalysis::awaitCanThrow(const Stmt *Await, unsigned Depth) {
  const auto *Suspend = llvm::dyn_cast<CoroutineSuspendExpr>(Await);
  if (!Suspend)
    return false;
  // Awaiting a coroutine whose visible body cannot throw cannot throw either:
  // its task only rethrows what the body threw.
  const FunctionDecl *Callee = awaitedCallee(Suspend->getOperand());
  if (Callee) {
    const FunctionDecl *Def = visibleDefinition(Callee);
    const bool Coroutine = Def && isCoroutine(Def);
    if (Coroutine && Depth < MaxDepth)
      return definitionCanThrow(Def, Depth + 1);
    // An operation of a framework that reports failure by value.
    if (failsByValue(Callee))
      return false;
    // A wait whose only failure is its own cancellation (a timer's, or an
    // operation the program composes from such waits): a task that ends by
    // being cancelled loses nothing.
    if (Mode == Evidence::Shown && (failsOnlyOnCancellation(Callee) ||
                                    composedOfCancellationOnlyWaits(Callee)))
      return false;
    if (Coroutine)
      return Mode == Evidence::Assumed; // Too deep to follow.
    // A coroutine of the program's defined in another unit: its body is not
    // in sight.
    if (Mode == Evidence::Shown && !Def && !declaredInLibraryHeader(Callee))
      return false;
  }
  if (deliversErrorAsValue(Suspend))
    return false;
  const Expr *Resume = Suspend->getResumeExpr();
  const auto *Call =
      Resume ? llvm::dyn_cast<CallExpr>(Resume->IgnoreImplicit()) : nullptr;
  if (!Call)
    return false;
  const FunctionDecl *AwaitResume = Call->getDirectCallee();
  if (!AwaitResume)
    return true;
  // Awaiting one of such a framework's objects (an event, a latch).
  if (!Callee && failsByValue(AwaitResume))
    return false;
  return !declaredNothrow(AwaitResume->getType()->getAs<FunctionProtoType>())
              .value_or(false);
}

bool ExceptionAnalysis::definitionCanThrow(const FunctionDecl *Def,
                                           unsigned Depth) {
  if (auto It = Cache.find(Def); It != Cache.end())
    return It->second;
  Cache[Def] = false;
  bool Throws = false;
  for (const Expr *Init : initializerExprs(Def))
    if (!Throws)
      Throws = firstEscaping(Init, Depth).has_value();
  if (!Throws)
    Throws = firstEscaping(getUserBody(Def), Depth).has_value();
  Cache[Def] = Throws;
  return Throws;
}

} // namespace clang::tidy::async::utils
