//===--- SerialResources.h - objects that serialise their users -*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Some I/O objects carry one operation, or one direction
// of operations, at a time: a socket, a stream, a serial port, a queue. Work
// that goes through one of them runs one item after another whatever the
// code around it does. Timers are recognised here too: awaiting one paces
// the code on purpose.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_SERIALRESOURCES_H
#define ASYNC_LINT_UTILS_SERIALRESOURCES_H

#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// Whether the class name \p Name ends with the word \p Word (lowercase):
/// the whole name, or after an underscore or at a capital letter
/// (`basic_stream_socket`, `WebSocket`, `tcp_stream`), but not inside a word
/// (`Upstream`, `Report`).
bool endsWithWord(llvm::StringRef Name, llvm::StringRef Word);

/// Recognises serial resources and timers by their classes. Answers are
/// cached per class, so one catalogue serves a whole translation unit.
class SerialResources {
public:
  /// \p SerialTypes adds classes (semicolon-separated qualified names) to the
  /// built-in serial ones; \p ConcurrentTypes names classes that are never
  /// serial, whatever their names and members say.
  SerialResources(llvm::StringRef SerialTypes, llvm::StringRef ConcurrentTypes);

  /// Whether objects of class \p RD carry one operation at a time: a serial
  /// type by name (a list, or a name ending in `socket`, `stream`, `queue`,
  /// ...) or by shape (`async_read_some`, or both `push` and `pop`), or a
  /// class that owns one (a session holding its socket). Classes of the
  /// standard library never are.
  bool isSerialClass(const CXXRecordDecl *RD);

  /// Whether \p RD is a timer class: Asio's, one whose name ends in `timer`
  /// outside the standard library, or one derived from either.
  bool isTimerClass(const CXXRecordDecl *RD) { return isTimerClass(RD, 0); }

  /// Whether \p RD is one of the configured concurrent types.
  bool isConcurrent(const CXXRecordDecl *RD) const;

private:
  bool isTimerClass(const CXXRecordDecl *RD, unsigned Depth);
  bool serialByItself(const CXXRecordDecl *RD, unsigned Depth);
  bool ownsSerialMember(const CXXRecordDecl *RD, unsigned Depth);

  NameSet Serial;
  NameSet Concurrent;
  NameSet Timers;
  llvm::DenseMap<const CXXRecordDecl *, bool> SerialCache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_SERIALRESOURCES_H
