//===--- Init.cpp - `async-lint init`: set a project up for the checks ----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Both files are edited as text, so that everything the user wrote (keys,
// values, comments, layout) stays as it was: .clang-tidy gets the missing
// checks inserted into its `Checks` list, .clangd gets a fragment appended.
// A check the user turned off stays off. Every edit is verified by reading
// the result back (clang-tidy's own parser for .clang-tidy); a file that
// cannot be edited safely is left alone, with a message, and nothing is
// written at all.
//
//===----------------------------------------------------------------------===//

#include "Init.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>
#include <vector>

namespace yaml = llvm::yaml;

namespace clang::tidy::async {
namespace {

constexpr llvm::StringLiteral Tool = "async-lint init";

/// The upstream clang-tidy checks for C++20 coroutines that complement ours.
/// Left out: cppcoreguidelines-avoid-reference-coroutine-parameters and
/// cppcoreguidelines-avoid-capturing-lambda-coroutines, which flag every
/// `socket &` parameter and every capturing lambda coroutine — ordinary code
/// in every file of a coroutine project. async-dangling-task-reference reports
/// the dangerous subset (a task that outlives what it refers to). A project
/// that wants them adds them.
constexpr llvm::StringLiteral UpstreamChecks[] = {
    "misc-coroutine-hostile-raii",
    "cppcoreguidelines-no-suspend-with-lock",
};

/// An entry of the check list init enables, and the registered checks it
/// names.
struct Wanted {
  std::string Glob;
  std::vector<std::string> Checks;
};

std::vector<Wanted> wantedChecks() {
  ClangTidyCheckFactories Factories;
  for (const ClangTidyModuleRegistry::entry &Module :
       ClangTidyModuleRegistry::entries())
    Module.instantiate()->addCheckFactories(Factories);
  Wanted Async{"async-*", {}};
  for (const auto &Factory : Factories)
    if (Factory.getKey().starts_with("async-"))
      Async.Checks.push_back(Factory.getKey().str());
  llvm::sort(Async.Checks);
  std::vector<Wanted> Result{std::move(Async)};
  for (llvm::StringRef Check : UpstreamChecks)
    Result.push_back({Check.str(), {Check.str()}});
  return Result;
}

/// The globs of a clang-tidy check list, as clang-tidy splits it.
std::vector<std::string> splitGlobs(llvm::StringRef List) {
  std::vector<std::string> Globs;
  while (!List.empty()) {
    size_t End = List.find_first_of(",\n");
    llvm::StringRef Glob = List.take_front(End).trim(" \t\r\n");
    if (!Glob.empty())
      Globs.push_back(Glob.str());
    List = End == llvm::StringRef::npos ? "" : List.drop_front(End + 1);
  }
  return Globs;
}

bool enabled(llvm::StringRef Globs, llvm::StringRef Check) {
  return GlobList(Globs).contains(Check);
}

/// The last negative glob of \p Globs that names \p Check.
std::optional<std::string> negativeGlobFor(llvm::ArrayRef<std::string> Globs,
                                           llvm::StringRef Check) {
  for (const std::string &Glob : llvm::reverse(Globs))
    if (llvm::StringRef(Glob).starts_with("-") && Glob != "-*" &&
        GlobList(llvm::StringRef(Glob).drop_front()).contains(Check))
      return Glob;
  return std::nullopt;
}

/// One configuration file: what it holds, what init writes, or why it
/// cannot.
struct FilePlan {
  std::string Path;
  bool Exists = false;
  std::string Old;
  std::string New;
  /// Where the first change starts in New (for printing what was written).
  size_t ChangeBegin = 0;
  size_t ChangeEnd = 0;
  std::vector<std::string> Added;
  /// Entries init leaves (partly) off because the user turned them off.
  std::vector<std::string> KeptOff;
  std::vector<std::string> Notes;
  std::string Refusal;

  bool changed() const { return New != Old || !Exists; }
};

std::string lineEnding(llvm::StringRef Text) {
  return Text.contains("\r\n") ? "\r\n" : "\n";
}

unsigned lineAt(llvm::StringRef Text, size_t Offset) {
  return Text.take_front(Offset).count('\n') + 1;
}

size_t offsetOf(llvm::StringRef Text, const char *Pointer) {
  return Pointer - Text.data();
}

/// Reports the first YAML error of \p Text, if it has one.
std::optional<std::string> yamlError(llvm::StringRef Text) {
  llvm::SourceMgr SM;
  std::string Error;
  SM.setDiagHandler(
      [](const llvm::SMDiagnostic &D, void *Context) {
        auto &Error = *static_cast<std::string *>(Context);
        if (Error.empty())
          Error = llvm::formatv("line {0}: {1}", D.getLineNo(), D.getMessage())
                      .str();
      },
      &Error);
  yaml::Stream Stream(Text, SM);
  if (Stream.validate() && Error.empty())
    return std::nullopt;
  return Error.empty() ? std::string("it is not valid YAML") : Error;
}

/// A stream over \p Text whose errors are ignored (the text was validated).
struct QuietStream {
  explicit QuietStream(llvm::StringRef Text) : SM(silent()), Stream(Text, SM) {}
  static llvm::SourceMgr silent() {
    llvm::SourceMgr SM;
    SM.setDiagHandler([](const llvm::SMDiagnostic &, void *) {});
    return SM;
  }
  llvm::SourceMgr SM;
  yaml::Stream Stream;
};

std::optional<std::string> scalarText(yaml::Node *Node) {
  if (auto *Scalar = llvm::dyn_cast_or_null<yaml::ScalarNode>(Node)) {
    llvm::SmallString<64> Storage;
    return Scalar->getValue(Storage).str();
  }
  if (auto *Block = llvm::dyn_cast_or_null<yaml::BlockScalarNode>(Node))
    return Block->getValue().str();
  return std::nullopt;
}

/// Reads the key of \p KV when it is a plain string.
std::optional<std::string> keyOf(yaml::KeyValueNode &KV) {
  return scalarText(KV.getKey());
}

// ---------------------------------------------------------------------------
// .clang-tidy

std::string freshClangTidy(llvm::ArrayRef<Wanted> Want) {
  std::string Text =
      "# Written by async-lint init: the async-* checks, and the "
      "upstream clang-tidy\n# checks for C++20 coroutines that "
      "complement them.\nChecks: >-\n";
  for (size_t I = 0; I < Want.size(); ++I)
    Text += "  " + Want[I].Glob + (I + 1 < Want.size() ? ",\n" : "\n");
  return Text;
}

/// Where and how the `Checks` value is written in a .clang-tidy file.
struct ChecksValue {
  enum Kind { Absent, Null, Scalar, BlockScalar, FlowSequence, BlockSequence };
  Kind Form = Absent;
  size_t ColonEnd = 0;                          // after "Checks:" (Null)
  size_t Begin = 0, End = 0;                    // raw text of a scalar value
  std::vector<std::pair<size_t, size_t>> Items; // raw text of each item
  std::vector<std::string> ItemValues;
  std::string Value; // the check list clang-tidy reads
};

/// Finds `Checks` in a .clang-tidy file. Returns an error message when the
/// file has a shape init does not edit.
std::optional<std::string> findChecks(llvm::StringRef Text, ChecksValue &Out) {
  QuietStream Q(Text);
  unsigned Documents = 0;
  for (yaml::Document &Doc : Q.Stream) {
    if (++Documents > 1)
      return std::string("it has several YAML documents");
    yaml::Node *Root = Doc.getRoot();
    if (!Root || llvm::isa<yaml::NullNode>(Root))
      continue;
    auto *Mapping = llvm::dyn_cast<yaml::MappingNode>(Root);
    if (!Mapping)
      return std::string("its top level is not a mapping");
    bool Found = false;
    for (yaml::KeyValueNode &KV : *Mapping) {
      yaml::Node *Key = KV.getKey();
      std::optional<std::string> Name = keyOf(KV);
      if (!Key || !Name)
        return std::string("it has a key that is not a plain name");
      const size_t KeyBegin =
          offsetOf(Text, Key->getSourceRange().Start.getPointer());
      const size_t LineBegin = Text.rfind('\n', KeyBegin) + 1;
      if (KeyBegin != LineBegin)
        return llvm::formatv("its keys are not at the start of a line (line "
                             "{0}); write it as a block mapping",
                             lineAt(Text, KeyBegin))
            .str();
      if (*Name != "Checks") {
        if (yaml::Node *Value = KV.getValue())
          Value->skip();
        continue;
      }
      if (Found)
        return llvm::formatv("it has a second 'Checks' key (line {0})",
                             lineAt(Text, KeyBegin))
            .str();
      Found = true;
      const size_t KeyEnd =
          offsetOf(Text, Key->getSourceRange().End.getPointer());
      Out.ColonEnd = Text.find(':', KeyEnd) + 1;
      yaml::Node *Value = KV.getValue();
      if (!Value || llvm::isa<yaml::NullNode>(Value)) {
        Out.Form = ChecksValue::Null;
        continue;
      }
      if (auto *Scalar = llvm::dyn_cast<yaml::ScalarNode>(Value)) {
        Out.Form = ChecksValue::Scalar;
        Out.Begin = offsetOf(Text, Scalar->getRawValue().begin());
        Out.End = offsetOf(Text, Scalar->getRawValue().end());
        Out.Value = *scalarText(Scalar);
        continue;
      }
      if (auto *Block = llvm::dyn_cast<yaml::BlockScalarNode>(Value)) {
        Out.Form = ChecksValue::BlockScalar;
        Out.Begin = offsetOf(Text, Block->getSourceRange().Start.getPointer());
        Out.End = offsetOf(Text, Block->getSourceRange().End.getPointer());
        Out.Value = Block->getValue().str();
        continue;
      }
      auto *Sequence = llvm::dyn_cast<yaml::SequenceNode>(Value);
      if (!Sequence)
        return std::string("its 'Checks' is neither a string nor a list");
      size_t ValueStart = Out.ColonEnd;
      while (ValueStart < Text.size() && llvm::isSpace(Text[ValueStart]))
        ++ValueStart;
      Out.Form = ValueStart < Text.size() && Text[ValueStart] == '['
                     ? ChecksValue::FlowSequence
                     : ChecksValue::BlockSequence;
      Out.Begin = ValueStart;
      for (yaml::Node &Item : *Sequence) {
        auto *ItemScalar = llvm::dyn_cast<yaml::ScalarNode>(&Item);
        if (!ItemScalar)
          return std::string("its 'Checks' list holds something that is not "
                             "a string");
        Out.Items.push_back({offsetOf(Text, ItemScalar->getRawValue().begin()),
                             offsetOf(Text, ItemScalar->getRawValue().end())});
        Out.ItemValues.push_back(*scalarText(ItemScalar));
      }
      Out.Value = llvm::join(Out.ItemValues, ",");
    }
  }
  return std::nullopt;
}

/// The end of the last "-*" glob written in Text[Begin, End), if any.
std::optional<size_t> endOfLastDisableAll(llvm::StringRef Text, size_t Begin,
                                          size_t End) {
  auto Separator = [](char C) {
    return llvm::StringRef(" \t\r\n,'\"").contains(C);
  };
  std::optional<size_t> Result;
  for (size_t P = Text.find("-*", Begin); P != llvm::StringRef::npos && P < End;
       P = Text.find("-*", P + 1)) {
    if ((P == Begin || Separator(Text[P - 1])) &&
        (P + 2 == End || Separator(Text[P + 2])))
      Result = P + 2;
  }
  return Result;
}

/// The globs of \p Want to add to \p Globs, each right after the last "-*"
/// (\p InsertAt): those that turn on a check that is off. A glob the user's
/// own globs keep off is noted in \p Plan.
std::vector<std::string> globsToAdd(const std::vector<std::string> &Globs,
                                    size_t InsertAt,
                                    llvm::ArrayRef<Wanted> Want,
                                    FilePlan &Plan) {
  std::vector<std::string> Trial = Globs;
  std::vector<std::string> ToAdd;
  for (const Wanted &W : Want) {
    const std::string Current = llvm::join(Trial, ",");
    if (llvm::all_of(W.Checks,
                     [&](const std::string &C) { return enabled(Current, C); }))
      continue;
    std::vector<std::string> With = Trial;
    With.insert(With.begin() + InsertAt + ToAdd.size(), W.Glob);
    const std::string After = llvm::join(With, ",");
    std::vector<std::string> StillOff;
    bool Gains = false;
    for (const std::string &C : W.Checks) {
      if (!enabled(After, C))
        StillOff.push_back(C);
      else if (!enabled(Current, C))
        Gains = true;
    }
    if (!StillOff.empty())
      Plan.KeptOff.push_back(W.Glob);
    for (const std::string &C : StillOff)
      Plan.Notes.push_back(llvm::formatv("{0} stays off: your .clang-tidy "
                                         "turns it off with '{1}'",
                                         C,
                                         negativeGlobFor(With, C).value_or("?"))
                               .str());
    if (!Gains)
      continue;
    ToAdd.push_back(W.Glob);
    Trial = std::move(With);
  }
  return ToAdd;
}

/// Where in a scalar `Checks` value (plain, quoted or a block) the globs
/// go, and the text: after the last "-*", or first. Nothing, with the
/// reason in \p Plan, when init cannot edit it.
std::optional<std::pair<size_t, std::string>>
scalarInsertion(llvm::StringRef Old, const ChecksValue &Checks,
                llvm::ArrayRef<std::string> ToAdd, bool HasDisableAll,
                FilePlan &Plan) {
  if (HasDisableAll) {
    std::optional<size_t> End =
        endOfLastDisableAll(Old, Checks.Begin, Checks.End);
    if (!End) {
      Plan.Refusal = "its 'Checks' value is written in a way init cannot "
                     "edit (escapes)";
      return std::nullopt;
    }
    return std::make_pair(*End, "," + llvm::join(ToAdd, ","));
  }
  size_t At = Checks.Begin;
  if (Checks.Form == ChecksValue::BlockScalar) {
    // At the first character of the first line with content (after the
    // header line, ">-" or "|", when the node's text includes it).
    if (Old[At] == '|' || Old[At] == '>')
      At = Old.find('\n', At);
    while (At != llvm::StringRef::npos && At < Checks.End &&
           llvm::isSpace(Old[At]))
      ++At;
    if (At == llvm::StringRef::npos || At >= Checks.End) {
      Plan.Refusal = "its 'Checks' block is empty";
      return std::nullopt;
    }
  } else if (Old[At] == '\'' || Old[At] == '"') {
    ++At;
  }
  const bool Empty = llvm::StringRef(Checks.Value).trim().empty();
  return std::make_pair(At, llvm::join(ToAdd, ",") + (Empty ? "" : ","));
}

/// The same for a block sequence (`- glob` lines), written in the style of
/// the item it goes next to.
std::optional<std::pair<size_t, std::string>>
blockSequenceInsertion(llvm::StringRef Old, const ChecksValue &Checks,
                       llvm::ArrayRef<std::string> ToAdd, bool HasDisableAll,
                       const std::string &NL, FilePlan &Plan) {
  size_t Index = 0;
  if (HasDisableAll) {
    auto Last = llvm::find(llvm::reverse(Checks.ItemValues), "-*");
    Index = Checks.ItemValues.rend() - Last - 1;
  }
  const size_t ItemBegin = Checks.Items[Index].first;
  const size_t LineBegin = Old.rfind('\n', ItemBegin) + 1;
  llvm::StringRef Prefix = Old.slice(LineBegin, ItemBegin);
  if (Prefix.trim().str() != "-" || !Prefix.ends_with(" ")) {
    Plan.Refusal = "its 'Checks' list is written in a way init cannot edit";
    return std::nullopt;
  }
  std::string Insert;
  for (const std::string &Glob : ToAdd)
    Insert += Prefix.str() + Glob + NL;
  if (!HasDisableAll)
    return std::make_pair(LineBegin, Insert);
  size_t At = Old.find('\n', Checks.Items[Index].second);
  if (At == llvm::StringRef::npos)
    return std::make_pair(
        Old.size(), NL + llvm::StringRef(Insert).drop_back(NL.size()).str());
  return std::make_pair(At + 1, Insert);
}

/// Where the globs \p ToAdd go in the file \p Old, and the text, whatever
/// form its `Checks` value has; nothing, with the reason in \p Plan, when
/// init cannot edit it.
std::optional<std::pair<size_t, std::string>>
insertionFor(llvm::StringRef Old, const ChecksValue &Checks,
             llvm::ArrayRef<std::string> ToAdd, llvm::ArrayRef<Wanted> Want,
             bool HasDisableAll, FilePlan &Plan) {
  const std::string NL = lineEnding(Old);
  switch (Checks.Form) {
  case ChecksValue::Absent: {
    std::string Block = freshClangTidy(
        llvm::to_vector(llvm::make_filter_range(Want, [&](const Wanted &W) {
          return llvm::is_contained(ToAdd, W.Glob);
        })));
    Block = llvm::StringRef(Block).split("\nChecks:").second.str();
    std::string Insert =
        (Old.empty() || Old.ends_with("\n") ? "" : "\n") +
        std::string("# Added by async-lint init: the async-* checks, and "
                    "the upstream clang-tidy\n# checks for C++20 "
                    "coroutines that complement them.\nChecks:") +
        Block;
    if (NL != "\n")
      Insert = llvm::join(llvm::split(Insert, '\n'), NL);
    return std::make_pair(Old.size(), Insert);
  }
  case ChecksValue::Null:
    return std::make_pair(Checks.ColonEnd, " '" + llvm::join(ToAdd, ",") + "'");
  case ChecksValue::Scalar:
  case ChecksValue::BlockScalar:
    return scalarInsertion(Old, Checks, ToAdd, HasDisableAll, Plan);
  case ChecksValue::FlowSequence:
    if (HasDisableAll) {
      auto Last = llvm::find(llvm::reverse(Checks.ItemValues), "-*");
      size_t Index = Checks.ItemValues.rend() - Last - 1;
      return std::make_pair(Checks.Items[Index].second,
                            ", " + llvm::join(ToAdd, ", "));
    }
    if (!Checks.Items.empty())
      return std::make_pair(Checks.Items.front().first,
                            llvm::join(ToAdd, ", ") + ", ");
    return std::make_pair(Checks.Begin + 1, llvm::join(ToAdd, ", "));
  case ChecksValue::BlockSequence:
    return blockSequenceInsertion(Old, Checks, ToAdd, HasDisableAll, NL, Plan);
  }
  return std::nullopt;
}

/// Reads the edited file back as clang-tidy does: it must enable what was
/// added, and every other setting must be exactly as before.
bool editVerified(const FilePlan &Plan, const ClangTidyOptions &OldOptions,
                  llvm::ArrayRef<Wanted> Want,
                  llvm::ArrayRef<std::string> ToAdd) {
  std::optional<std::string> NewError = yamlError(Plan.New);
  llvm::ErrorOr<ClangTidyOptions> NewOptions =
      parseConfiguration(llvm::MemoryBufferRef(Plan.New, Plan.Path));
  if (NewError || !NewOptions || !NewOptions->Checks)
    return false;
  for (const Wanted &W : Want)
    if (llvm::is_contained(ToAdd, W.Glob) &&
        llvm::none_of(W.Checks, [&](const std::string &C) {
          return enabled(*NewOptions->Checks, C);
        }))
      return false;
  ClangTidyOptions Before = OldOptions, After = *NewOptions;
  Before.Checks.reset();
  After.Checks.reset();
  return configurationAsText(Before) == configurationAsText(After);
}

FilePlan planClangTidy(llvm::StringRef Dir, llvm::ArrayRef<Wanted> Want) {
  FilePlan Plan;
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, ".clang-tidy");
  Plan.Path = Path.str().str();

  auto Buffer = llvm::MemoryBuffer::getFile(Plan.Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    if (Buffer.getError() != std::errc::no_such_file_or_directory) {
      Plan.Refusal = "cannot read it: " + Buffer.getError().message();
      return Plan;
    }
    Plan.New = freshClangTidy(Want);
    Plan.ChangeEnd = Plan.New.size();
    for (const Wanted &W : Want)
      Plan.Added.push_back(W.Glob);
    return Plan;
  }
  Plan.Exists = true;
  Plan.Old = (*Buffer)->getBuffer().str();
  const llvm::StringRef Old = Plan.Old;

  if (std::optional<std::string> Error = yamlError(Old)) {
    Plan.Refusal = "it is not valid YAML (" + *Error + ")";
    return Plan;
  }
  llvm::ErrorOr<ClangTidyOptions> OldOptions =
      parseConfiguration(llvm::MemoryBufferRef(Old, Plan.Path));
  if (!OldOptions) {
    Plan.Refusal =
        "clang-tidy cannot read it (" + OldOptions.getError().message() + ")";
    return Plan;
  }
  ChecksValue Checks;
  if (std::optional<std::string> Error = findChecks(Old, Checks)) {
    Plan.Refusal = *Error;
    return Plan;
  }

  // Our entries go right after the last "-*" (or first): any glob the user
  // wrote after that point, such as "-misc-*", still has the last word.
  std::vector<std::string> Globs = splitGlobs(Checks.Value);
  auto DisableAll = llvm::find(llvm::reverse(Globs), "-*");
  const bool HasDisableAll = DisableAll != Globs.rend();
  const size_t InsertAt = HasDisableAll ? Globs.rend() - DisableAll : 0;
  std::vector<std::string> ToAdd = globsToAdd(Globs, InsertAt, Want, Plan);
  Plan.New = Plan.Old;
  if (ToAdd.empty())
    return Plan;
  Plan.Added = ToAdd;

  std::optional<std::pair<size_t, std::string>> Edit =
      insertionFor(Old, Checks, ToAdd, Want, HasDisableAll, Plan);
  if (!Edit)
    return Plan;
  const auto &[At, Insert] = *Edit;
  Plan.New = Old.take_front(At).str() + Insert + Old.drop_front(At).str();
  Plan.ChangeBegin = At;
  Plan.ChangeEnd = At + Insert.size();
  if (!editVerified(Plan, *OldOptions, Want, ToAdd))
    Plan.Refusal = "init could not edit its 'Checks' without changing "
                   "something else; add the checks yourself: " +
                   llvm::join(ToAdd, ",");
  return Plan;
}

// ---------------------------------------------------------------------------
// .clangd

/// What the fragments of a .clangd file say about clang-tidy.
struct ClangdTidySettings {
  /// Add and Remove of the unconditional fragments, as one check list.
  std::string Globs;
  /// Every Remove entry (also of conditional fragments), with its line.
  std::vector<std::pair<std::string, unsigned>> Removed;
  /// The FastCheckFilter of the last unconditional fragment that sets one.
  std::string Filter;
  /// A Strict filter that no later unconditional fragment overrides.
  std::optional<unsigned> StrictLine;
};

std::optional<std::string> readClangdTidy(llvm::StringRef Text,
                                          ClangdTidySettings &Out) {
  QuietStream Q(Text);
  for (yaml::Document &Doc : Q.Stream) {
    yaml::Node *Root = Doc.getRoot();
    if (!Root || llvm::isa<yaml::NullNode>(Root))
      continue;
    auto *Fragment = llvm::dyn_cast<yaml::MappingNode>(Root);
    if (!Fragment)
      return std::string("one of its fragments is not a mapping");
    bool Conditional = false;
    std::vector<std::pair<std::string, bool>> Globs; // (glob, added)
    std::optional<std::pair<std::string, unsigned>> Filter;
    auto Strings =
        [&](yaml::Node *Node, llvm::StringRef Key,
            std::vector<std::string> &Values) -> std::optional<std::string> {
      if (std::optional<std::string> One = scalarText(Node)) {
        Values.push_back(*One);
        return std::nullopt;
      }
      if (auto *List = llvm::dyn_cast_or_null<yaml::SequenceNode>(Node)) {
        for (yaml::Node &Item : *List) {
          std::optional<std::string> Value = scalarText(&Item);
          if (!Value)
            return ("its Diagnostics.ClangTidy." + Key +
                    " holds something that is not a string")
                .str();
          Values.push_back(*Value);
        }
        return std::nullopt;
      }
      return ("its Diagnostics.ClangTidy." + Key + " is not a list").str();
    };
    for (yaml::KeyValueNode &Top : *Fragment) {
      std::optional<std::string> TopKey = keyOf(Top);
      if (TopKey == "If")
        Conditional = true;
      auto *Diagnostics = llvm::dyn_cast_or_null<yaml::MappingNode>(
          TopKey == "Diagnostics" ? Top.getValue() : nullptr);
      if (!Diagnostics) {
        if (yaml::Node *Value = Top.getValue())
          Value->skip();
        continue;
      }
      for (yaml::KeyValueNode &Section : *Diagnostics) {
        auto *Tidy = llvm::dyn_cast_or_null<yaml::MappingNode>(
            keyOf(Section) == "ClangTidy" ? Section.getValue() : nullptr);
        if (!Tidy) {
          if (yaml::Node *Value = Section.getValue())
            Value->skip();
          continue;
        }
        for (yaml::KeyValueNode &Setting : *Tidy) {
          std::optional<std::string> Name = keyOf(Setting);
          yaml::Node *Value = Setting.getValue();
          if (Name == "Add" || Name == "Remove") {
            std::vector<std::string> Values;
            if (std::optional<std::string> Error =
                    Strings(Value, *Name, Values))
              return Error;
            const unsigned Line = lineAt(
                Text,
                offsetOf(
                    Text,
                    Setting.getKey()->getSourceRange().Start.getPointer()));
            for (const std::string &V : Values) {
              Globs.push_back({V, *Name == "Add"});
              if (*Name == "Remove")
                Out.Removed.push_back({V, Line});
            }
          } else if (Name == "FastCheckFilter") {
            std::optional<std::string> V = scalarText(Value);
            if (!V)
              return std::string("its Diagnostics.ClangTidy.FastCheckFilter "
                                 "is not a string");
            Filter = {*V,
                      lineAt(Text, offsetOf(Text, Setting.getKey()
                                                      ->getSourceRange()
                                                      .Start.getPointer()))};
          } else if (Value) {
            Value->skip();
          }
        }
      }
    }
    if (!Conditional)
      for (const auto &[Glob, Added] : Globs)
        Out.Globs += (Added ? "," : ",-") + Glob;
    if (Filter) {
      if (Filter->first == "Strict")
        Out.StrictLine = Filter->second;
      else if (!Conditional &&
               (Filter->first == "None" || Filter->first == "Loose")) {
        Out.Filter = Filter->first;
        Out.StrictLine.reset();
      }
    }
  }
  return std::nullopt;
}

std::string clangdFragment(llvm::ArrayRef<std::string> Add, bool SetFilter,
                           llvm::StringRef Heading) {
  std::string Text = Heading.str();
  Text += "Diagnostics:\n  ClangTidy:\n";
  if (!Add.empty()) {
    Text += "    Add:\n";
    for (const std::string &Glob : Add)
      Text += "      - " + Glob + "\n";
  }
  if (SetFilter)
    Text += "    # clangd's default filter (Strict) skips every check it has "
            "not timed,\n    # which includes the async-* checks.\n"
            "    FastCheckFilter: None\n";
  return Text;
}

FilePlan planClangd(llvm::StringRef Dir, llvm::ArrayRef<Wanted> Want,
                    llvm::ArrayRef<std::string> KeptOffByClangTidy) {
  FilePlan Plan;
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, ".clangd");
  Plan.Path = Path.str().str();

  auto Buffer = llvm::MemoryBuffer::getFile(Plan.Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer && Buffer.getError() != std::errc::no_such_file_or_directory) {
    Plan.Refusal = "cannot read it: " + Buffer.getError().message();
    return Plan;
  }
  Plan.Exists = bool(Buffer);
  if (Buffer)
    Plan.Old = (*Buffer)->getBuffer().str();
  const llvm::StringRef Old = Plan.Old;
  if (std::optional<std::string> Error = yamlError(Old)) {
    Plan.Refusal = "it is not valid YAML (" + *Error + ")";
    return Plan;
  }
  ClangdTidySettings Settings;
  if (std::optional<std::string> Error = readClangdTidy(Old, Settings)) {
    Plan.Refusal = *Error;
    return Plan;
  }
  if (Settings.StrictLine) {
    Plan.Refusal = llvm::formatv(
        "it sets 'FastCheckFilter: Strict' (line {0}), with which clangd "
        "skips the async-* checks (it runs only checks it has timed); "
        "change it to None (or Loose) and run async-lint init again",
        *Settings.StrictLine);
    return Plan;
  }

  // A fragment appended at the end has the last word, so it must not add a
  // check that the user removes anywhere in the file.
  std::vector<std::string> ToAdd;
  for (const Wanted &W : Want) {
    if (llvm::all_of(W.Checks, [&](const std::string &C) {
          return enabled(Settings.Globs, C);
        }))
      continue;
    // clangd reads .clang-tidy first and .clangd on top of it: adding here a
    // check that .clang-tidy turns off would turn it back on in the editor.
    if (llvm::is_contained(KeptOffByClangTidy, W.Glob)) {
      Plan.Notes.push_back(
          (W.Glob + " left out of .clangd too, so that clangd keeps off what "
                    "your .clang-tidy turns off (clangd reads both)"));
      continue;
    }
    std::optional<std::pair<std::string, unsigned>> RemovedBy;
    for (const auto &Removed : Settings.Removed)
      for (const std::string &C : W.Checks)
        if (!RemovedBy && GlobList(Removed.first).contains(C))
          RemovedBy = Removed;
    if (RemovedBy) {
      Plan.Notes.push_back(
          llvm::formatv("{0} left out: your .clangd removes '{1}' (line {2})",
                        W.Glob, RemovedBy->first, RemovedBy->second)
              .str());
      continue;
    }
    ToAdd.push_back(W.Glob);
  }
  const bool SetFilter = Settings.Filter.empty();
  Plan.New = Plan.Old;
  if (ToAdd.empty() && !SetFilter)
    return Plan;
  Plan.Added = ToAdd;

  std::string Fragment;
  if (Plan.Exists) {
    if (!Old.empty() && !Old.ends_with("\n"))
      Fragment += "\n";
    Fragment += clangdFragment(
        ToAdd, SetFilter,
        "---\n# Added by async-lint init: clangd (async-clangd) runs the "
        "async-* checks and\n# the upstream checks for coroutines as you "
        "type.\n");
  } else {
    Fragment = clangdFragment(
        ToAdd, SetFilter,
        "# Written by async-lint init: clangd (async-clangd) runs the "
        "async-* checks\n# and the upstream checks for coroutines as you "
        "type.\n");
  }
  const std::string NL = lineEnding(Old);
  if (NL != "\n")
    Fragment = llvm::join(llvm::split(Fragment, '\n'), NL);
  Plan.New = Plan.Old + Fragment;
  Plan.ChangeBegin = Plan.Old.size();
  Plan.ChangeEnd = Plan.New.size();

  // Read the result back: what was added is on, and the filter lets it run.
  ClangdTidySettings After;
  bool Verified = !yamlError(Plan.New) && !readClangdTidy(Plan.New, After) &&
                  !After.StrictLine && !After.Filter.empty();
  for (const Wanted &W : Want)
    if (llvm::is_contained(ToAdd, W.Glob))
      Verified &= llvm::all_of(W.Checks, [&](const std::string &C) {
        return enabled(After.Globs, C);
      });
  if (!Verified)
    Plan.Refusal = "init could not add its settings to it safely";
  return Plan;
}

// ---------------------------------------------------------------------------

bool write(const FilePlan &Plan) {
  // Write through a symbolic link rather than replacing it, and keep the
  // file's permissions.
  llvm::SmallString<256> Target(Plan.Path);
  std::optional<llvm::sys::fs::perms> Permissions;
  if (Plan.Exists) {
    if (llvm::sys::fs::real_path(Plan.Path, Target))
      Target = Plan.Path;
    if (llvm::ErrorOr<llvm::sys::fs::perms> P =
            llvm::sys::fs::getPermissions(Target))
      Permissions = *P;
  }
  if (llvm::Error E = llvm::writeToOutput(Target, [&](llvm::raw_ostream &OS) {
        OS << Plan.New;
        return llvm::Error::success();
      })) {
    llvm::errs() << Tool << ": cannot write " << Plan.Path << ": "
                 << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  if (Permissions)
    llvm::sys::fs::setPermissions(Target, *Permissions);
  return true;
}

/// Prints the lines of \p Plan.New that hold the change.
void printChange(const FilePlan &Plan) {
  llvm::StringRef New = Plan.New;
  // rfind looks before the given position.
  size_t Begin = New.rfind('\n', Plan.ChangeBegin);
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = Plan.ChangeEnd;
  if (End > Begin && New[End - 1] != '\n') {
    End = New.find('\n', End);
    if (End == llvm::StringRef::npos)
      End = New.size();
  }
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  New.slice(Begin, End).split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty())
    Lines.pop_back();
  for (llvm::StringRef Line : Lines)
    llvm::outs() << "  | " << Line.rtrim('\r') << "\n";
}

void printUsage(llvm::raw_ostream &OS) {
  OS << "USAGE: async-lint init [DIR]\n\n"
        "Writes DIR/.clang-tidy and DIR/.clangd (DIR defaults to the current "
        "directory)\nso that clang-tidy, async-lint and async-clangd run the "
        "async-* checks and\nthe upstream checks for coroutines:\n";
  for (llvm::StringRef Check : UpstreamChecks)
    OS << "  " << Check << "\n";
  OS << "Existing files are merged into, never overwritten: missing checks "
        "are added,\nchecks you turned off stay off, and everything else is "
        "kept as written. When\na file cannot be merged safely, nothing is "
        "written and the exit status is 2.\n";
}

// clangd and async-lint take each file's flags (-std=c++20 among them) from
// a compile database; without one, clangd guesses, and coroutine code does
// not even parse, so no finding shows up and nothing says why.
bool hasCompileFlags(llvm::StringRef Dir) {
  for (const char *Name :
       {"compile_commands.json", "build/compile_commands.json",
        "compile_flags.txt"}) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, llvm::sys::path::Style::posix, Name);
    if (llvm::sys::fs::exists(Path))
      return true;
  }
  return false;
}

} // namespace

int runInit(int Argc, const char **Argv) {
  std::optional<std::string> Dir;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "-help" || Arg == "--help") {
      printUsage(llvm::outs());
      return 0;
    }
    if (Arg.starts_with("-") || Dir) {
      llvm::errs() << Tool << ": unexpected argument '" << Arg << "'\n";
      printUsage(llvm::errs());
      return 2;
    }
    Dir = Arg.str();
  }
  if (!Dir)
    Dir = ".";
  if (!llvm::sys::fs::is_directory(*Dir)) {
    llvm::errs() << Tool << ": '" << *Dir << "' is not a directory\n";
    return 2;
  }

  const std::vector<Wanted> Want = wantedChecks();
  FilePlan ClangTidy = planClangTidy(*Dir, Want);
  FilePlan Clangd = planClangd(*Dir, Want, ClangTidy.KeptOff);
  FilePlan *Plans[] = {&ClangTidy, &Clangd};
  bool Refused = false;
  for (const FilePlan *Plan : Plans)
    if (!Plan->Refusal.empty()) {
      llvm::errs() << Tool << ": cannot merge into " << Plan->Path << ": "
                   << Plan->Refusal << "\n";
      Refused = true;
    }
  if (Refused) {
    llvm::errs() << Tool << ": nothing was written\n";
    return 2;
  }

  for (const FilePlan *P : Plans) {
    const FilePlan &Plan = *P;
    if (!Plan.changed()) {
      llvm::outs() << Tool << ": " << Plan.Path
                   << " already has everything; left unchanged\n";
    } else {
      if (!write(Plan))
        return 2;
      if (!Plan.Exists)
        llvm::outs() << Tool << ": wrote " << Plan.Path << ":\n";
      else
        llvm::outs() << Tool << ": added "
                     << (Plan.Added.empty() ? std::string("FastCheckFilter")
                                            : llvm::join(Plan.Added, ", "))
                     << " to " << Plan.Path << " (line "
                     << lineAt(Plan.New, Plan.ChangeBegin) << "):\n";
      printChange(Plan);
    }
    for (const std::string &Note : Plan.Notes)
      llvm::outs() << Tool << ": " << Note << "\n";
  }
  if (!hasCompileFlags(*Dir)) {
    llvm::outs().flush();
    llvm::errs() << Tool << ": warning: " << *Dir
                 << " has no compile_commands.json (nor build/"
                    "compile_commands.json) and no compile_flags.txt: clangd "
                    "will not know its flags (-std=c++20 among them) and "
                    "shows no async findings; make one with cmake "
                    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, with 'bear -- make', "
                    "or write a compile_flags.txt with -std=c++20\n";
  }
  return 0;
}

} // namespace clang::tidy::async
