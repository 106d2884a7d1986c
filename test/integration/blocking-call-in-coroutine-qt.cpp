// async-blocking-call-in-coroutine over the real Qt 5 and QCoro headers
// (qtbase5-dev, qcoro-qt5-dev): Qt's blocking calls inside QCoro coroutines,
// next to the QCoro awaits that replace them.
// REQUIRES: qt5
// RUN: %check_async -real-headers %s async-blocking-call-in-coroutine %t -- %qt-flags

#include <QCoroCore>
#include <QCoroNetwork>
#include <QCoroTask>
#include <QCoroTimer>
#include <QThread>
#include <QTcpSocket>
#include <QEventLoop>
#include <chrono>

using namespace std::chrono_literals;

QCoro::Task<QByteArray> read_reply(QTcpSocket &socket) {
  socket.write("GET / HTTP/1.0\r\n\r\n");
  socket.waitForBytesWritten();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'QAbstractSocket::waitForBytesWritten' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'QAbstractSocket::waitForBytesWritten' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: await the signal instead: 'co_await qCoro(device).waitForReadyRead()' (or waitForBytesWritten)
  QThread::msleep(10);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'QThread::msleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'QThread::msleep' in a coroutine; sleeping stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: suspend on a timer instead: 'co_await QCoro::sleepFor(<duration>)'
  if (!socket.waitForReadyRead(1000))
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: blocking call to 'QAbstractSocket::waitForReadyRead' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: blocking call to 'QAbstractSocket::waitForReadyRead' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:15: note: await the signal instead: 'co_await qCoro(device).waitForReadyRead()' (or waitForBytesWritten)
    co_return {};
  co_return socket.readAll();
}

// Not flagged: the QCoro forms await the same signals.
QCoro::Task<QByteArray> read_reply_awaiting(QTcpSocket &socket) {
  socket.write("GET / HTTP/1.0\r\n\r\n");
  co_await qCoro(socket).waitForBytesWritten(1000ms);
  co_await QCoro::sleepFor(10ms);
  if (!co_await qCoro(socket).waitForReadyRead(1000ms))
    co_return {};
  co_return socket.readAll();
}

// QCoro::waitFor runs a nested event loop until the task completes: in a
// coroutine it stalls the thread, unless the task completed when it was
// called (a coroutine whose body never suspends), when waitFor returns at
// once without entering the loop.
QCoro::Task<int> ready_now() { co_return 7; }
QCoro::Task<int> fetch_count(QTcpSocket &socket);
QCoro::Task<int> counts(QTcpSocket &socket) {
  int ready = QCoro::waitFor(ready_now());
  int fetched = QCoro::waitFor(fetch_count(socket));
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: blocking call to 'QCoro::waitFor' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:17: warning: blocking call to 'QCoro::waitFor' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:17: note: await the task instead: 'co_await task'
  co_return ready + fetched;
}

// Qt's own blocking calls, in a QCoro coroutine: thread sleeps and the
// waitFor... family of its I/O classes wait without running the event loop.
QCoro::Task<void> qt_blocking(QTcpSocket &socket, QThread &worker) {
  socket.waitForReadyRead();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'QAbstractSocket::waitForReadyRead' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'QAbstractSocket::waitForReadyRead' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: await the signal instead: 'co_await qCoro(device).waitForReadyRead()' (or waitForBytesWritten)
  socket.waitForConnected(1000);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'QAbstractSocket::waitForConnected' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'QAbstractSocket::waitForConnected' in a coroutine; synchronous network I/O stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: await the signal instead: 'co_await qCoro(socket).waitForConnected()' (or waitForDisconnected)
  worker.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: blocking call to 'QThread::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:10: warning: blocking call to 'QThread::wait' in a coroutine; waiting for another thread stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:10: note: await the thread's 'finished' signal instead: 'co_await qCoro(thread).waitForFinished()'
  // Not flagged: writing to a Qt socket only fills its buffer.
  socket.write("x", 1);
  co_return;
}

// A nested Qt event loop in a coroutine.
QCoro::Task<void> nested_loop(QEventLoop &loop) {
  loop.exec();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: blocking call to 'QEventLoop::exec' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:8: warning: blocking call to 'QEventLoop::exec' in a coroutine; a nested event loop stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: await the signal that would end the loop instead, e.g. 'co_await qCoro(object, &Class::signal)'
  co_return;
}
