// async-session-per-request over the real Qt 5 headers (qtbase5-dev): a
// QNetworkAccessManager per request loses its connection cache; Qt expects
// one per application.
// REQUIRES: qt5
// RUN: %check_async -real-headers %s async-session-per-request %t -- %qt-flags

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStringList>
#include <QUrl>

void fetch_all(const QStringList &urls) {
  for (const QString &url : urls) {
    auto *manager = new QNetworkAccessManager();
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a new 'QNetworkAccessManager' is created on every loop iteration; Qt expects one per application; each has its own connection cache [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:25: warning: a new 'QNetworkAccessManager' is created on every loop iteration; Qt expects one per application; each has its own connection cache [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:25: note: create one for the program's lifetime and pass it in by reference
    QNetworkReply *reply = manager->get(QNetworkRequest(QUrl(url)));
    QObject::connect(reply, &QNetworkReply::finished, manager,
                     &QObject::deleteLater);
  }
}

// Not flagged: one manager, shared by every request.
void fetch_all_shared(QNetworkAccessManager &manager, const QStringList &urls) {
  for (const QString &url : urls)
    manager.get(QNetworkRequest(QUrl(url)));
}
