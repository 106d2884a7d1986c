//===--- FixIts.cpp - rewriting only what the user wrote ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "FixIts.h"
#include "Frameworks.h"
#include "Names.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

// Where the token at Loc is written in a file, if the user wrote it there
// (directly or in a macro argument).
static SourceLocation fileSpelling(SourceLocation Loc,
                                   const SourceManager &SM) {
  if (Loc.isFileID())
    return Loc;
  if (!SM.isMacroArgExpansion(Loc))
    return {};
  SourceLocation Spelling = SM.getImmediateSpellingLoc(Loc);
  return Spelling.isFileID() ? Spelling : SourceLocation();
}

CharSourceRange statementRemoval(CharSourceRange Written,
                                 const SourceManager &SM) {
  auto [File, BeginOffset] = SM.getDecomposedLoc(Written.getBegin());
  const unsigned EndOffset = SM.getFileOffset(Written.getEnd());
  const llvm::StringRef Buffer = SM.getBufferData(File);
  const size_t PreviousNewline = Buffer.rfind('\n', BeginOffset);
  const size_t LineEnd = Buffer.find('\n', EndOffset);
  if (PreviousNewline == llvm::StringRef::npos ||
      !Buffer.slice(PreviousNewline, BeginOffset).trim().empty() ||
      LineEnd == llvm::StringRef::npos ||
      !Buffer.slice(EndOffset, LineEnd).trim().empty())
    return Written;
  return CharSourceRange::getCharRange(
      Written.getBegin().getLocWithOffset(
          -static_cast<int>(BeginOffset - PreviousNewline)),
      Written.getEnd().getLocWithOffset(LineEnd - EndOffset));
}

std::optional<CharSourceRange> writtenRange(const Stmt *S,
                                            const SourceManager &SM,
                                            const LangOptions &LangOpts) {
  if (!S)
    return std::nullopt;
  SourceRange Range = S->getSourceRange();
  SourceLocation Begin = fileSpelling(Range.getBegin(), SM);
  SourceLocation End = fileSpelling(Range.getEnd(), SM);
  if (Begin.isInvalid() || End.isInvalid() ||
      SM.getFileID(Begin) != SM.getFileID(End) ||
      SM.isBeforeInTranslationUnit(End, Begin))
    return std::nullopt;
  // Both ends written in the same macro argument, or both outside macros.
  if (Range.getBegin().isMacroID() != Range.getEnd().isMacroID())
    return std::nullopt;
  SourceLocation EndOfToken = Lexer::getLocForEndOfToken(End, 0, SM, LangOpts);
  if (EndOfToken.isInvalid())
    return std::nullopt;
  return CharSourceRange::getCharRange(Begin, EndOfToken);
}

// The text of Loc's line up to Loc.
static llvm::StringRef linePrefix(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid() || !Loc.isFileID())
    return {};
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return {};
  llvm::StringRef Before = Buffer.take_front(Offset);
  size_t LineStart = Before.find_last_of("\r\n");
  return LineStart == llvm::StringRef::npos ? Before
                                            : Before.drop_front(LineStart + 1);
}

std::string lineIndentation(SourceLocation Loc, const SourceManager &SM) {
  return Lexer::getIndentationForLine(Loc, SM).str();
}

bool startsLine(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid() || !Loc.isFileID())
    return false;
  return linePrefix(Loc, SM).ltrim(" \t").empty();
}

bool hasComment(CharSourceRange Range, const SourceManager &SM,
                const LangOptions &LangOpts) {
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, LangOpts, &Invalid);
  if (Invalid)
    return true;
  Lexer Raw(Range.getBegin(), LangOpts, Text.begin(), Text.begin(), Text.end());
  Raw.SetCommentRetentionState(true);
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok))
    if (Tok.is(tok::comment))
      return true;
  return Tok.is(tok::comment);
}

std::string freshName(llvm::StringRef Base, llvm::StringRef Text) {
  llvm::StringSet<> Used;
  for (size_t I = 0; I < Text.size();) {
    if (!llvm::isAlpha(Text[I]) && Text[I] != '_') {
      ++I;
      continue;
    }
    size_t J = I;
    while (J < Text.size() && (llvm::isAlnum(Text[J]) || Text[J] == '_'))
      ++J;
    Used.insert(Text.slice(I, J));
    I = J;
  }
  std::string Name = Base.str();
  for (unsigned Suffix = 2; Used.contains(Name); ++Suffix)
    Name = (Base + llvm::Twine(Suffix)).str();
  return Name;
}

bool declaredBefore(const ASTContext &Ctx, llvm::ArrayRef<llvm::StringRef> Path,
                    SourceLocation Loc) {
  if (Path.empty())
    return false;
  // Lookup by identifier needs the identifier table, which lookup does not
  // change for names already spelled in the translation unit.
  IdentifierTable &Idents = const_cast<ASTContext &>(Ctx).Idents;
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  for (llvm::StringRef Namespace : Path.drop_back()) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : DC->lookup(&Idents.get(Namespace)))
      if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(D))
        Next = NS;
    if (!Next)
      return false;
    DC = Next;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  for (const NamedDecl *D : DC->lookup(&Idents.get(Path.back())))
    for (const Decl *Redecl : D->redecls())
      if (SM.isBeforeInTranslationUnit(Redecl->getLocation(), Loc))
        return true;
  return false;
}

std::optional<std::string> sourceText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::optional<CharSourceRange> Range = writtenRange(E, SM, Ctx.getLangOpts());
  if (!Range)
    return std::nullopt;
  return Lexer::getSourceText(*Range, SM, Ctx.getLangOpts()).str();
}

bool needsParensAfterPrefix(const Expr *E) {
  E = E->IgnoreImplicit();
  if (llvm::isa<BinaryOperator, AbstractConditionalOperator>(E))
    return true;
  const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E);
  return Op && Op->isInfixBinaryOp() && Op->getOperator() != OO_PlusPlus &&
         Op->getOperator() != OO_MinusMinus;
}

llvm::SmallVector<const Expr *, 4> writtenArguments(const CallExpr *Call) {
  llvm::SmallVector<const Expr *, 4> Args;
  unsigned First = llvm::isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First, N = Call->getNumArgs(); I < N; ++I)
    if (!llvm::isa<CXXDefaultArgExpr>(Call->getArg(I)))
      Args.push_back(Call->getArg(I));
  return Args;
}

llvm::SmallVector<FixItHint, 4> awaitRenamedCall(const CallExpr *Call,
                                                 llvm::StringRef NewName,
                                                 llvm::StringRef LastArgument,
                                                 bool PostfixOperand,
                                                 const ASTContext &Ctx) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  SourceLocation NameLoc;
  if (llvm::isa<CXXMemberCallExpr>(Call)) {
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(Callee))
      NameLoc = Member->getMemberLoc();
  } else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Callee)) {
    NameLoc = Ref->getLocation();
  }
  std::optional<CharSourceRange> Range =
      writtenRange(Call, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (!Range || !NameLoc.isFileID() || !Call->getRParenLoc().isFileID())
    return {};
  llvm::SmallVector<FixItHint, 4> Fix;
  Fix.push_back(FixItHint::CreateInsertion(
      Range->getBegin(), PostfixOperand ? "(co_await " : "co_await "));
  Fix.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(NameLoc, NameLoc), NewName));
  Fix.push_back(FixItHint::CreateInsertion(Call->getRParenLoc(),
                                           writtenArguments(Call).empty()
                                               ? LastArgument.str()
                                               : (", " + LastArgument).str()));
  if (PostfixOperand)
    Fix.push_back(FixItHint::CreateInsertion(Range->getEnd(), ")"));
  return Fix;
}

std::optional<FixItHint> insertStatementAtEnd(const CompoundStmt *Block,
                                              llvm::StringRef Text,
                                              const SourceManager &SM) {
  SourceLocation RBrace = Block->getRBracLoc();
  if (RBrace.isInvalid() || !RBrace.isFileID())
    return std::nullopt;
  if (!startsLine(RBrace, SM))
    return FixItHint::CreateInsertion(
        RBrace, ((Block->body_empty() ? " " : "") + Text + " ").str());
  std::string BraceIndent = lineIndentation(RBrace, SM);
  std::string Inner = BraceIndent + "  ";
  if (!Block->body_empty()) {
    SourceLocation First = (*Block->body_begin())->getSourceRange().getBegin();
    if (First.isFileID() && startsLine(First, SM))
      Inner = lineIndentation(First, SM);
  }
  return FixItHint::CreateInsertion(
      RBrace.getLocWithOffset(-static_cast<int>(BraceIndent.size())),
      (Inner + Text + "\n").str());
}

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
  if (startsLine(Loc, SM))
    return FixItHint::CreateInsertion(
        Loc, (Text + "\n" + lineIndentation(Loc, SM)).str());
  return FixItHint::CreateInsertion(Loc, (Text + " ").str());
}

std::string spellClass(NamespaceAliases &Aliases, const ASTContext &Ctx,
                       const CXXRecordDecl *RD, SourceLocation Loc) {
  const auto *NS = llvm::dyn_cast<NamespaceDecl>(RD->getDeclContext());
  if (!NS || NS->isAnonymousNamespace())
    return qualifiedName(RD);
  while (NS && NS->isInline())
    NS = llvm::dyn_cast<NamespaceDecl>(NS->getDeclContext());
  if (!NS)
    return qualifiedName(RD);
  return Aliases.spell(Ctx, qualifiedName(NS), Loc) +
         "::" + RD->getName().str();
}

} // namespace clang::tidy::async::utils
