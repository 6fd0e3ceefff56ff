// SPDX-License-Identifier: GPL-3.0-or-later
// Plain blocking POSIX clients for the echo server tests (tst_serve, tst_serve_cli): connect,
// send, read with a bound (a failure, never a measured time), decode the "Hello, " answers.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

#include <optional>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace serveclient {

// Long enough for a loaded 2-core CI machine; a test fails (it does not measure) when reached.
inline constexpr int boundMs = 10000;

inline int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

inline quint16 localPort(int fd)
{
    sockaddr_in address{};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    return ntohs(address.sin_port);
}

inline bool sendAll(int fd, const QByteArray &data)
{
    qsizetype sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

// Reads until `count` bytes arrived, EOF, or the bound.
inline QByteArray readAtLeast(int fd, qsizetype count)
{
    QByteArray data;
    char buffer[65536];
    while (data.size() < count) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, boundMs) <= 0)
            break;
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        data.append(buffer, n);
    }
    return data;
}

struct Exchange {
    QByteArray reply;
    bool endOfFile = false; // the server's FIN arrived after the reply
};

// Sends `data` while reading (a big answer cannot block the server), shuts down the sending
// side, reads to EOF.
inline Exchange sendHalfCloseAndRead(int fd, const QByteArray &data)
{
    Exchange result;
    qsizetype sent = 0;
    bool writeClosed = false;
    char buffer[65536];
    for (;;) {
        if (!writeClosed && sent == data.size()) {
            ::shutdown(fd, SHUT_WR);
            writeClosed = true;
        }
        pollfd ready{fd, short(POLLIN | (writeClosed ? 0 : POLLOUT)), 0};
        if (::poll(&ready, 1, boundMs) <= 0)
            return result;
        if (ready.revents & POLLOUT) {
            const ssize_t n = ::send(fd, data.constData() + sent, size_t(qMin<qsizetype>(data.size() - sent, 65536)),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent += n;
        }
        if (ready.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n == 0) {
                result.endOfFile = writeClosed;
                return result;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                return result;
            if (n > 0)
                result.reply.append(buffer, n);
        }
    }
}

// Random bytes, NUL and ESC included, without 'H' so that the answers decode unambiguously.
inline QByteArray bytesWithoutH(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray data(size, Qt::Uninitialized);
    for (char &byte : data) {
        do {
            byte = char(random.bounded(256));
        } while (byte == 'H');
    }
    if (size >= 2) {
        data[0] = '\0';
        data[1] = '\x1b';
    }
    return data;
}

// "Hello, <chunk>" per recv() the server did: the chunks joined, or nullopt if the reply is not
// such a sequence (each chunk non-empty, at most 1024 bytes: the notes' recv(1024)).
inline std::optional<QByteArray> echoedData(const QByteArray &reply)
{
    if (!reply.startsWith("Hello, "))
        return std::nullopt;
    QByteArray data;
    const QList<QByteArray> parts = reply.split('H');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray &part = parts[i];
        if (!part.startsWith("ello, ") || part.size() == 6 || part.size() > 6 + 1024)
            return std::nullopt;
        data.append(part.mid(6));
    }
    return data;
}

} // namespace serveclient
