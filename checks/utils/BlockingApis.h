//===--- BlockingApis.h - the functions that block the calling thread -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. The table of blocking APIs lives in BlockingApis.cpp and
// reads as data; this header declares its shape and the lookup over it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_BLOCKINGAPIS_H
#define ASYNC_LINT_UTILS_BLOCKINGAPIS_H

#include "Frameworks.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

/// Why a call blocks. Each built-in entry belongs to one category, and the
/// categories can be switched on and off one by one.
enum class BlockingCategory {
  Sleep,     ///< Sleeps the thread.
  Wait,      ///< Waits on a thread primitive (future, thread, condvar, ...).
  EventLoop, ///< Runs a nested event loop until some work completes.
  Network,   ///< Synchronous network I/O.
  Process,   ///< Starts or waits for a child process.
  FileIO,    ///< Synchronous file I/O (off by default).
  Console,   ///< Reading the console (`std::cin`): waits for the user.
  Cpu,       ///< Long CPU work on every call: password hashing, key generation.
  User,      ///< Listed by the user (option BlockingFunctions).
};

/// The option spelling of a category ("sleep", "event-loop", ...).
llvm::StringRef categoryName(BlockingCategory C);
std::optional<BlockingCategory> categoryFromName(llvm::StringRef Name);
/// What a call of the category does to the coroutines of its thread, as a
/// warning says it ("sleeping", "synchronous network I/O", ...).
llvm::StringRef categoryEffect(BlockingCategory C);
/// The built-in categories that are on unless configured otherwise.
extern const char DefaultBlockingCategories[];

/// What can replace a blocking call inside a coroutine.
enum class BlockingRemedy {
  /// Run it on a thread pool and await the result (the framework's idiom).
  Offload,
  /// Suspend on a timer: the argument is a std::chrono duration.
  SleepFor,
  /// Suspend on a timer: the argument is a std::chrono time point.
  SleepUntil,
  /// Suspend on a timer: the argument is a number of seconds (::sleep).
  SleepSeconds,
  /// Suspend on a timer: the argument is a number of microseconds (::usleep).
  SleepMicroseconds,
  /// Suspend on a timer; the arguments do not translate (::nanosleep).
  SleepOther,
  /// The call runs its one awaitable argument to completion and returns its
  /// result: `co_await` the argument instead.
  AwaitArgument,
  /// As AwaitArgument, but the call wraps the result (stdexec's optional
  /// tuple), so awaiting only means the same when the result is unused.
  AwaitArgumentIfDiscarded,
  /// An Asio or Beast operation whose `async_` twin takes a completion token.
  AsyncTwin,
  /// The entry's own advice, and nothing else.
  Advice,
};

/// How an entry's names are matched against a call.
enum class BlockingMatch {
  /// The qualified name of the callee, or `Class::method` where Class is the
  /// declaring class or the static type of the object the method is called
  /// on. Names starting `asio::` match Boost.Asio (`boost::asio::`) too.
  Function,
  /// As Function, and the callee must have C language linkage (POSIX and C
  /// library functions, so that a C++ function that happens to be called
  /// `read` or `send` is not taken for one).
  CFunction,
  /// The names are classes: any call whose object, or whose first argument,
  /// is one of them, and any construction of one from arguments (std file
  /// streams).
  StreamObject,
  /// The names are global stream variables (`std::cin`): any call whose
  /// object, or whose first argument, is one of them.
  StreamVariable,
};

/// One row of the built-in table.
struct BlockingApi {
  /// One or more qualified names; a brace list in the last component stands
  /// for several: `std::future::{get,wait}`.
  llvm::StringRef Names;
  BlockingCategory Category;
  BlockingMatch Match;
  BlockingRemedy Remedy;
  /// Advice for the note (Remedy::Advice). Usually empty.
  llvm::StringRef Advice = {};
  /// A timed wait whose first argument is a constant zero duration only polls
  /// (`future.wait_for(0s)`); such calls are not blocking.
  bool ZeroTimeoutPolls = false;
  /// On a datagram socket the operation completes at once, without the
  /// network: `connect` only records the default peer.
  bool LocalOnDatagram = false;
  /// A wait for a task returns at once when the task completed when it was
  /// called: its argument is a call of a coroutine whose visible body never
  /// suspends (QCoro's `waitFor(task())`).
  bool ReadyTaskReturns = false;
  /// The cost depends on the input's size (whole-buffer compression): the
  /// call is looked up only under StrictMode.
  bool StrictOnly = false;
};

/// The built-in table.
llvm::ArrayRef<BlockingApi> builtinBlockingApis();

/// A call found to block, as the lookup reports it.
struct BlockingCall {
  /// The table row (the built-in one, or a synthesised one for user entries).
  const BlockingApi *Api;
  /// The name the call matched, as written for the user: the callee's own
  /// qualified name, or `Class::method` with the object's class.
  std::string DisplayName;
  /// For a user entry `name=suggestion`: the suggestion. Empty otherwise.
  std::string Suggestion;
  /// Found through the candidates of a call in a template whose overload is
  /// chosen per instantiation: its arguments' types are not known yet.
  bool Dependent = false;
};

/// The blocking functions in force for one check configuration: the built-in
/// entries of the enabled categories, plus the user's, minus the ignored ones.
class BlockingApiTable {
public:
  /// \p Categories is a semicolon list of category names, \p Extra a
  /// semicolon list of `qualified::name` or `qualified::name=suggestion`,
  /// \p Ignored a semicolon list of qualified names.
  /// \p Strict also takes the entries whose cost depends on their input
  /// (StrictOnly).
  BlockingApiTable(llvm::StringRef Categories, llvm::StringRef Extra,
                   llvm::StringRef Ignored, bool Strict = false);

  /// The blocking call \p E makes, if any: a CallExpr (including member and
  /// operator calls) or, for StreamObject entries, a CXXConstructExpr.
  std::optional<BlockingCall> lookup(const Expr *E) const;

  /// Whether the user listed \p D in IgnoredFunctions.
  bool isIgnored(const NamedDecl *D) const;

private:
  struct Entry {
    const BlockingApi *Api;
    std::string Suggestion;
  };
  const Entry *find(llvm::StringRef QualifiedName, const FunctionDecl *Callee,
                    std::string &DisplayName, llvm::StringRef Display) const;
  std::optional<BlockingCall> lookupStream(const Expr *E) const;
  /// A qualified call in a template whose overload is chosen per
  /// instantiation: blocking when every candidate is the same table entry.
  std::optional<BlockingCall>
  lookupDependent(const UnresolvedLookupExpr *Callee) const;

  /// Normalised qualified name -> entry.
  llvm::StringMap<Entry> Entries;
  /// The last name component of every entry: a cheap first filter.
  llvm::StringSet<> ShortNames;
  /// Classes of StreamObject entries that are enabled.
  llvm::StringMap<const BlockingApi *> StreamClasses;
  /// Variables of StreamVariable entries that are enabled.
  llvm::StringMap<const BlockingApi *> StreamVariables;
  llvm::StringSet<> IgnoredNames;
};

/// Names in Asio's namespace are written `asio::...` in the table and in
/// options; a Boost.Asio name is looked up without its `boost::` prefix.
std::string normaliseAsioName(llvm::StringRef QualifiedName);

/// The asynchronous twin of a synchronous Asio operation.
struct AsyncTwin {
  /// `async_read_some` for `read_some`.
  std::string Name;
  /// Boost.Asio or standalone Asio, by the namespace of the operation.
  Framework Library;
};

/// The twin of the Asio operation \p Call calls (`sock.read_some(buf)`,
/// `asio::read(sock, buf)`): `async_<name>`, declared as a member of the
/// object's class or in the operation's namespace. None for calls of other
/// functions, and when the twin is not declared.
std::optional<AsyncTwin> asyncTwinOf(const CallExpr *Call,
                                     const ASTContext &Ctx);

/// How to run blocking work on a thread pool from a coroutine of \p F, with
/// the framework's namespace spelled as the file at \p Loc spells it; empty
/// when async-lint knows no idiom for the framework.
std::string offloadIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                         Framework F, SourceLocation Loc);

/// How a coroutine of \p F suspends on a timer (`<duration>` stands for the
/// duration), spelled as the file at \p Loc spells the namespace; empty when
/// async-lint knows none.
std::string timerIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                       Framework F, SourceLocation Loc);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_BLOCKINGAPIS_H
