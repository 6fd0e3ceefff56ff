// SPDX-License-Identifier: GPL-3.0-or-later
#define _GNU_SOURCE /* accept4 */
/* The reference echo server: the seed notes' epoll server (server_epoll.py) ported to C, one
 * thread, edge-free level-triggered epoll, answering every recv() of up to 1024 bytes with
 * "Hello, <data>" as server.py does. Listens on 127.0.0.1, port argv[1] (0: any free port), and
 * prints the port on stdout. A benchmark reference, not part of tcpsim. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const int port = argc > 1 ? atoi(argv[1]) : 0;
    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons((unsigned short)port);
    socklen_t length = sizeof address;
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0
        || getsockname(listener, (struct sockaddr *)&address, &length) != 0) {
        perror("echo_reference");
        return 1;
    }
    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);

    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event events[256];
    char buffer[7 + 1024];
    memcpy(buffer, "Hello, ", 7);
    for (;;) {
        const int ready = epoll_wait(epoll, events, 256, -1);
        if (ready < 0 && errno == EINTR)
            continue;
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listener) {
                int connection;
                while ((connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    struct epoll_event in = {.events = EPOLLIN, .data.fd = connection};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, connection, &in);
                }
                continue;
            }
            const ssize_t received = recv(fd, buffer + 7, 1024, 0);
            if (received > 0) {
                /* sendall(): loopback takes these small answers at once. */
                ssize_t sent = 0;
                while (sent < received + 7) {
                    const ssize_t n = send(fd, buffer + sent, (size_t)(received + 7 - sent), MSG_NOSIGNAL);
                    if (n <= 0)
                        break;
                    sent += n;
                }
            } else if (received == 0 || (errno != EAGAIN && errno != EINTR)) {
                epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
            }
        }
    }
}
