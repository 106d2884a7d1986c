//===--- FixIts.cpp - rewriting only what the user wrote ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "FixIts.h"
#include "clang/Lex/Lexer.h"

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
  llvm::StringRef Prefix = linePrefix(Loc, SM);
  return Prefix.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
}

bool startsLine(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid() || !Loc.isFileID())
    return false;
  return linePrefix(Loc, SM).ltrim(" \t").empty();
}

} // namespace clang::tidy::async::utils
