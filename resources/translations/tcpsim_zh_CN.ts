<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../app/main.cpp" line="92"/>
        <source>unknown language %1 (use zh_CN or en)</source>
        <translation>未知的语言 %1（请用 zh_CN 或 en）</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="105"/>
        <source>Step through TCP&apos;s handshake and teardown.</source>
        <translation>一步一步演示 TCP 的三次握手和四次挥手。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="109"/>
        <source>Built-in lesson name (handshake, lost-syn, ...) or a .tcp file.</source>
        <translation>内置课程名（handshake、lost-syn……）或一个 .tcp 文件。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="111"/>
        <source>Run N steps of the lesson.</source>
        <translation>先执行课程的前 N 步。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="114"/>
        <source>Render the window to a PNG without showing it, then exit.</source>
        <translation>不显示窗口，把它渲染成 PNG 后退出。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="116"/>
        <source>Window size for --screenshot (default 1280x720).</source>
        <translation>--screenshot 的窗口大小（默认 1280x720）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="119"/>
        <source>Show segment K (1-based send order) in the inspector.</source>
        <translation>在报文段检查器中显示第 K 个报文段（按发送顺序，从 1 开始）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="122"/>
        <source>User interface language: zh_CN or en (default: the system&apos;s).</source>
        <translation>界面语言：zh_CN 或 en（默认跟随系统）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="125"/>
        <source>Use the Fusion style with a dark, light or high-contrast palette (contrast: black on white for washed-out projectors).</source>
        <translation>使用 Fusion 风格和深色、浅色或高对比度配色（contrast：白底黑字，适合颜色发淡的投影仪）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="170"/>
        <source>unknown palette %1 (use dark, light or contrast)</source>
        <translation>未知的配色 %1（可用 dark、light 或 contrast）</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="129"/>
        <source>Sequence numbers: symbolic, relative or absolute.</source>
        <translation>序号显示方式：symbolic（符号）、relative（相对）或 absolute（绝对）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="132"/>
        <source>Mirror every step on a real socket pair on loopback (Linux default).</source>
        <translation>在回环接口上的真实套接字对上同步执行每一步（Linux 上默认开启）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="133"/>
        <source>Do not mirror on real sockets.</source>
        <translation>不在真实套接字上同步执行。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="135"/>
        <source>Port of the live server (default 3267; 0 = any free port).</source>
        <translation>真实服务器的端口（默认 3267；0 表示任选一个空闲端口）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="138"/>
        <source>Start in presentation mode (F5): the ladder, the explanation and the state diagram only, full screen; Esc leaves.</source>
        <translation>以演示模式启动（F5）：只显示时序图、讲解和状态图，全屏；Esc 退出。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="142"/>
        <source>Start with View → Fit all: the ladder&apos;s rows compressed to show as much of the lesson as fits.</source>
        <translation>启动时打开“视图 → 全部显示”：压缩时序图的行，尽量多显示课程内容。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="146"/>
        <source>Start with View → Time scale: the ladder&apos;s rows placed by virtual time, long waits shortened and labelled.</source>
        <translation>启动时打开“视图 → 时间刻度”：时序图的行按虚拟时间排列，较长的等待被缩短并加上标注。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="150"/>
        <source>Whose TCP the model plays: rfc (RFC 9293&apos;s text) or linux (the kernel on loopback), over the lesson&apos;s own choice.</source>
        <translation>模型扮演谁的 TCP：rfc（RFC 9293 的原文）或 linux（回环接口上的内核），优先于课程自己的选择。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="155"/>
        <source>Open Lesson → Compare textbook and Linux… on the lesson (with --screenshot, that window is rendered).</source>
        <translation>对该课程打开“课程 → 对比教科书与 Linux…”（与 --screenshot 一起使用时，渲染的是这个窗口）。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="159"/>
        <source>Bring a tab of the right-hand docks to the front: log, inspector, live or sockets.</source>
        <translation>把右侧停靠区的某个标签页置于最前：log、inspector、live 或 sockets。</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="173"/>
        <source>unknown number style %1 (use symbolic, relative or absolute)</source>
        <translation>未知的序号显示方式 %1（可用 symbolic、relative 或 absolute）</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="178"/>
        <source>unknown profile %1 (use rfc or linux)</source>
        <translation>未知的配置 %1（可用 rfc 或 linux）</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="195"/>
        <source>--live-port takes 0..65535</source>
        <translation>--live-port 的取值是 0..65535</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="212"/>
        <source>--steps wants a number</source>
        <translation>--steps 需要一个数字</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="219"/>
        <source>--inspect %1: no such segment after these steps</source>
        <translation>--inspect %1：执行这些步骤后没有这个报文段</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="223"/>
        <source>unknown tab %1 (use log, inspector, live or sockets)</source>
        <translation>未知的标签页 %1（可用 log、inspector、live 或 sockets）</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="240"/>
        <source>--size wants WxH, at least 320x240</source>
        <translation>--size 的格式是 宽x高，至少 320x240</translation>
    </message>
    <message>
        <location filename="../../app/main.cpp" line="254"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../app/comparedialog.cpp" line="46"/>
        <source>Linux (the kernel on loopback)</source>
        <translation>Linux（回环接口上的内核）</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="47"/>
        <source>RFC 9293 (the textbook)</source>
        <translation>RFC 9293（教科书）</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="203"/>
        <source>Textbook and Linux: %1</source>
        <translation>教科书与 Linux：%1</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="204"/>
        <source>The lesson&apos;s calls under RFC 9293 (left) and under Linux (right), the network let finish in both. Each red number marks where the two part; the sentences say why.</source>
        <translation>课程中的调用分别按 RFC 9293（左）和 Linux（右）执行，两边都让网络把报文段传送完毕。每个红色数字标出两者出现分歧的地方；下面的句子说明原因。</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="210"/>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="210"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="224"/>
        <source>Both profiles send the same segments in this lesson.</source>
        <translation>在这个课程中，两种配置发送的报文段完全相同。</translation>
    </message>
    <message>
        <location filename="../../app/comparedialog.cpp" line="226"/>
        <source>RFC 9293: %1 segments. Linux: %2 segments.</source>
        <translation>RFC 9293：%1 个报文段。Linux：%2 个报文段。</translation>
    </message>
</context>
<context>
    <name>EchoServer</name>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="97"/>
        <source>cannot listen on %1: not an IPv4 or IPv6 address</source>
        <translation>无法在 %1 上监听：这不是 IPv4 或 IPv6 地址</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="106"/>
        <location filename="../../core/live/src/echoserver.cpp" line="121"/>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="118"/>
        <source>cannot listen on %1: the port is in use (another server, or tcpsim-cli serve, already listens there)</source>
        <translation>无法在 %1 上监听：端口已被占用（另一个服务器或 tcpsim-cli serve 已在那里监听）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="140"/>
        <source>%1 echo server listening on %2 (backlog %3, fd %4)</source>
        <translation>%1 回声服务器正在 %2 上监听（backlog %3，描述符 %4）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="153"/>
        <source>cannot start the server&apos;s threads</source>
        <translation>无法启动服务器的线程</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="172"/>
        <source>stopped: every connection and the listening socket closed</source>
        <translation>已停止：所有连接和监听套接字都已关闭</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="280"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="83"/>
        <source>closed: the server is stopping</source>
        <translation>已关闭：服务器正在停止</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="285"/>
        <source>recv() returned 0: the client sent FIN; every byte before it was answered</source>
        <translation>recv() 返回 0：客户端发送了 FIN；在它之前的每个字节都已回答</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="287"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="241"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="332"/>
        <source>closed after the last answer: our FIN</source>
        <translation>最后一次回答之后关闭：我们的 FIN</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="294"/>
        <source>closed: idle for %1 s (nothing received)</source>
        <translation>已关闭：空闲 %1 秒（什么也没收到）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="295"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="228"/>
        <source>closed: recv() failed: %1</source>
        <translation>已关闭：recv() 失败：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="322"/>
        <source>closed: the client read no answer for %1 s</source>
        <translation>已关闭：客户端 %1 秒没有读取回答</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserver.cpp" line="323"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="272"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="319"/>
        <source>closed: send() failed: %1</source>
        <translation>已关闭：send() 失败：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverthreads.cpp" line="38"/>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="164"/>
        <source>accept() failed: %1; retrying in 100 ms</source>
        <translation>accept() 失败：%1；100 毫秒后重试</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverthreads.cpp" line="178"/>
        <source>cannot create a thread for this client: closed</source>
        <translation>无法为这个客户端创建线程：已关闭</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverthreads.cpp" line="192"/>
        <source>%1 clients served, one thread each: the most this server takes. accept() waits: new connections wait in the kernel&apos;s accept queue (backlog %2), beyond it their SYNs go unanswered and are retried, until a client leaves</source>
        <translation>正在服务 %1 个客户端，每个一个线程：这是服务器的上限。accept() 暂停：新连接在内核的 accept 队列中等待（backlog %2），超出之后它们的 SYN 得不到应答而被重传，直到有客户端离开</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverthreads.cpp" line="207"/>
        <source>a client left: accept() again</source>
        <translation>一个客户端离开了：再次调用 accept()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="115"/>
        <source>epoll_wait() failed: %1</source>
        <translation>epoll_wait() 失败：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="195"/>
        <source>%1 connections open: the most this server takes. accept() is not called: new connections wait in the kernel&apos;s accept queue (backlog %2), beyond it their SYNs go unanswered and are retried, until one closes</source>
        <translation>已打开 %1 个连接：这是服务器的上限。不再调用 accept()：新连接在内核的 accept 队列中等待（backlog %2），超出之后它们的 SYN 得不到应答而被重传，直到有连接关闭</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="238"/>
        <source>recv() returned 0: the client sent FIN; every byte before it is answered</source>
        <translation>recv() 返回 0：客户端发送了 FIN；在它之前的每个字节都会得到回答</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="294"/>
        <source>%1 answer bytes wait for the client to read them (the cap): not reading from it until it does</source>
        <translation>有 %1 字节的回答在等客户端读取（上限）：在它读取之前不再从它读</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="375"/>
        <source>a connection closed and the accept queue is empty: below the cap again</source>
        <translation>一个连接关闭了，accept 队列为空：又低于上限了</translation>
    </message>
    <message>
        <location filename="../../core/live/src/echoserverepoll.cpp" line="389"/>
        <source>closed: idle for %1 s (nothing received or sent)</source>
        <translation>已关闭：空闲 %1 秒（没有收发任何数据）</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="142"/>
        <source>listen() opens the socket passively: it now waits in LISTEN for a SYN.</source>
        <translation>listen() 被动打开套接字：它进入 LISTEN，等待 SYN 到来。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="146"/>
        <source>Nobody listens on this port, so the kernel answers the segment with a RST.</source>
        <translation>这个端口上没有人监听，所以内核用 RST 回应这个报文段。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="148"/>
        <source>A RST reached a closed port: it is dropped silently (never answer a RST with a RST).</source>
        <translation>RST 到达一个关闭的端口：被静默丢弃（绝不用 RST 回应 RST）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="150"/>
        <source>A listening socket ignores a RST: it has no connection to reset.</source>
        <translation>监听套接字忽略 RST：它没有可以重置的连接。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="152"/>
        <source>An ACK reached a listening socket that has no such connection: it answers with a RST.</source>
        <translation>ACK 到达了没有对应连接的监听套接字：它用 RST 回应。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="154"/>
        <source>The server&apos;s kernel answered the SYN with its own SYN and an ACK of the client&apos;s SYN; accept() has not returned yet.</source>
        <translation>服务器内核用自己的 SYN 和对客户端 SYN 的确认（ACK）回应了这个 SYN；accept() 还没有返回。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="156"/>
        <source>A segment with no SYN, ACK or RST reached a listening socket: it is dropped.</source>
        <translation>既无 SYN、ACK 也无 RST 的报文段到达监听套接字：被丢弃。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="166"/>
        <source>A RST answered the SYN: the connection is refused and connect() fails.</source>
        <translation>SYN 得到的回应是 RST：连接被拒绝，connect() 失败。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="168"/>
        <source>A RST that does not acknowledge our SYN is not believed: it is dropped.</source>
        <translation>没有确认我们 SYN 的 RST 不可信：被丢弃。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="170"/>
        <source>In SYN-SENT only a SYN or a RST matters: this segment is dropped.</source>
        <translation>在 SYN-SENT 状态只有 SYN 或 RST 有意义：这个报文段被丢弃。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="176"/>
        <source>The ACK does not acknowledge the SYN,ACK: the endpoint answers with a RST.</source>
        <translation>这个 ACK 没有确认 SYN,ACK：端点用 RST 回应。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="178"/>
        <source>In SYN-RECEIVED a segment without ACK is dropped.</source>
        <translation>在 SYN-RECEIVED 状态，没有 ACK 的报文段被丢弃。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="180"/>
        <source>A RST aborted the half-open connection: the server goes back to LISTEN and keeps listening.</source>
        <translation>RST 终止了半打开的连接：服务器回到 LISTEN，继续监听。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="182"/>
        <source>A RST arrived in SYN-RECEIVED after an active open: the connection is refused.</source>
        <translation>主动打开后在 SYN-RECEIVED 收到 RST：连接被拒绝。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="184"/>
        <source>A FIN arrived with the final ACK: the endpoint acknowledges it and enters CLOSE-WAIT.</source>
        <translation>FIN 随最后一个 ACK 一起到达：端点确认它并进入 CLOSE-WAIT。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="186"/>
        <source>close() in SYN-RECEIVED sends a FIN: FIN-WAIT-1.</source>
        <translation>在 SYN-RECEIVED 调用 close() 发出 FIN：进入 FIN-WAIT-1。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="188"/>
        <source>abort() in SYN-RECEIVED sends a RST and deletes the connection.</source>
        <translation>在 SYN-RECEIVED 调用 abort() 发出 RST 并删除连接。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="190"/>
        <source>close(): the application has nothing more to send, so its kernel sends a FIN and waits for it to be acknowledged (FIN-WAIT-1).</source>
        <translation>close()：应用程序没有更多数据要发送，于是内核发出 FIN，并等待它被确认（FIN-WAIT-1）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="194"/>
        <source>A RST with the expected sequence number arrived: the connection is reset at once, with no FIN exchange.</source>
        <translation>序列号正好是期望值的 RST 到达：连接立即被重置，不再交换 FIN。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="196"/>
        <source>A RST inside the window but not at the expected number could be forged: the endpoint sends a challenge ACK (RFC 5961).</source>
        <translation>在窗口内但不是期望序列号的 RST 可能是伪造的：端点发送挑战 ACK（RFC 5961）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="198"/>
        <source>A RST outside the receive window is ignored.</source>
        <translation>接收窗口之外的 RST 被忽略。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="200"/>
        <source>A SYN on a synchronized connection is answered with a challenge ACK (RFC 5961).</source>
        <translation>已同步连接上的 SYN 用挑战 ACK 回应（RFC 5961）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="204"/>
        <source>abort(): the endpoint sends a RST and forgets the connection at once; unsent data is lost.</source>
        <translation>abort()：端点发出 RST 并立即丢弃连接；未发送的数据丢失。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="206"/>
        <source>The ACK of our FIN arrived: our direction is closed (FIN-WAIT-2); the peer may still send data.</source>
        <translation>对我们 FIN 的 ACK 到达：我们这个方向已关闭（FIN-WAIT-2）；对方仍可以发送数据。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="208"/>
        <source>The peer&apos;s FIN crossed ours (simultaneous close): acknowledge it and wait for our own FIN&apos;s ACK in CLOSING.</source>
        <translation>对方的 FIN 与我们的 FIN 交错（同时关闭）：确认它，并在 CLOSING 中等待对我们 FIN 的 ACK。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="210"/>
        <source>The peer&apos;s FIN also acknowledges our FIN: ACK it and go straight to TIME-WAIT (Figure 5 does not draw this edge).</source>
        <translation>对方的 FIN 同时确认了我们的 FIN：回 ACK 并直接进入 TIME-WAIT（图 5 没有画出这条边）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="213"/>
        <source>close() was already called: no second FIN is sent.</source>
        <translation>已经调用过 close()：不会再发第二个 FIN。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="217"/>
        <source>Data after our FIN (half-close): the peer may still send, and we acknowledge it.</source>
        <translation>我们发出 FIN 之后的数据（半关闭）：对方仍可发送，我们确认它。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="219"/>
        <source>In CLOSE-WAIT this side may still send: only the peer&apos;s direction is closed.</source>
        <translation>在 CLOSE-WAIT 中这一方仍可发送：只有对方的方向关闭了。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="221"/>
        <source>close() in CLOSE-WAIT sends our FIN: LAST-ACK, waiting for its acknowledgment.</source>
        <translation>在 CLOSE-WAIT 调用 close() 发出我们的 FIN：进入 LAST-ACK，等待它被确认。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="223"/>
        <source>Our FIN is acknowledged: CLOSING becomes TIME-WAIT.</source>
        <translation>我们的 FIN 被确认：CLOSING 变为 TIME-WAIT。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="225"/>
        <source>The last ACK arrived: the connection record is deleted (CLOSED).</source>
        <translation>最后一个 ACK 到达：连接记录被删除（CLOSED）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="231"/>
        <source>A RST while closing: the connection record is deleted.</source>
        <translation>关闭过程中收到 RST：连接记录被删除。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="233"/>
        <source>abort() while closing deletes the connection without a RST.</source>
        <translation>关闭过程中调用 abort() 删除连接，不发送 RST。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="235"/>
        <source>Too many retransmissions went unanswered: the connection times out and is closed.</source>
        <translation>太多次重传都没有回应：连接超时并被关闭。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="18"/>
        <source>TIME-WAIT has two reasons: if this last ACK is lost, the peer&apos;s retransmitted FIN must still find the connection, to be acknowledged again instead of answered with a RST; and old duplicate segments of this connection must die out before the same 4-tuple (addresses and ports) can be used again. The second is why it lasts 2×MSL, not one retransmission timeout.</source>
        <translation>TIME-WAIT 有两个原因：如果这最后一个 ACK 丢失，对方重传的 FIN 必须还能找到这个连接，从而再次得到确认，而不是收到 RST；而且这个连接的旧重复报文段必须先在网络中消失，同一个四元组（地址和端口）才能再次使用。第二个原因说明了为什么要等 2×MSL，而不是一个重传超时。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="78"/>
        <source>close() or abort()</source>
        <translation>close() 或 abort()</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="118"/>
        <source>Everything in the segment was already received (a duplicate: a retransmission, or a copy that crossed its answer): the endpoint drops it and resends an ACK of what it expects next.</source>
        <translation>这个报文段里的内容都已收到过（重复报文：一次重传，或与自己的应答交错而过的副本）：端点丢弃它，并重发一个 ACK 说明自己接下来期望什么。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="122"/>
        <source>The segment is inside the receive window but starts beyond the next expected byte (out of order: bytes before it are missing): the endpoint keeps only what arrives in order, so it drops the segment and acknowledges what it has (a duplicate ACK); the sender will send it again.</source>
        <translation>报文段在接收窗口之内，但起始位置超过了下一个期望的字节（乱序：它前面的字节还缺着）：端点只保留按序到达的数据，所以丢弃这个报文段，并确认自己已有的数据（重复 ACK）；发送方会再发一次。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="144"/>
        <source>connect(): the kernel picks an initial sequence number (ISN) and sends a SYN; connect() blocks until the handshake completes.</source>
        <translation>connect()：内核选择初始序列号（ISN）并发出 SYN；在握手完成之前 connect() 一直阻塞。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="158"/>
        <source>%1 on a listening socket deletes it: back to CLOSED.</source>
        <translation>对监听套接字调用 %1 会删除它：回到 CLOSED。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="160"/>
        <source>The SYN,ACK acknowledges this side&apos;s SYN: it sends the final ACK, is ESTABLISHED, and connect() returns.</source>
        <translation>SYN,ACK 确认了这一方的 SYN：它发出最后一个 ACK，进入 ESTABLISHED，connect() 返回。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="162"/>
        <source>The peer&apos;s bare SYN crossed this side&apos;s own SYN (simultaneous open): this side answers SYN,ACK and enters SYN-RECEIVED.</source>
        <translation>对方不带 ACK 的 SYN 与这一方自己的 SYN 交错而过（同时打开）：这一方回应 SYN,ACK 并进入 SYN-RECEIVED。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="164"/>
        <source>The ACK does not acknowledge our SYN: it does not belong to this connection attempt (an old duplicate), so the endpoint answers with a RST.</source>
        <translation>这个 ACK 没有确认我们的 SYN：它不属于这次连接尝试（是旧的重复报文），所以端点用 RST 回应。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="172"/>
        <source>%1 before the handshake finished: the connection record is deleted and nothing is sent; connect() fails.</source>
        <translation>握手完成前调用 %1：连接记录被删除，什么也不发送；connect() 失败。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="174"/>
        <source>The final ACK of the handshake arrived: the server is ESTABLISHED and the connection waits in the accept queue until accept() takes it.</source>
        <translation>握手的最后一个 ACK 到达：服务器进入 ESTABLISHED，连接在 accept 队列中等待，直到 accept() 把它取走。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="192"/>
        <source>The peer&apos;s FIN arrived: the kernel acknowledges it and enters CLOSE-WAIT; recv() will return 0 once the data before the FIN is read, but this side may still send.</source>
        <translation>对方的 FIN 到达：内核确认它并进入 CLOSE-WAIT；读完 FIN 之前的数据后 recv() 将返回 0，但这一方仍然可以发送。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="202"/>
        <source>The segment is outside the receive window: the endpoint drops it and resends an ACK of what it expects next.</source>
        <translation>报文段在接收窗口之外：端点丢弃它，并重发一个 ACK 说明自己接下来期望什么。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="215"/>
        <source>The peer&apos;s FIN arrived: ACK it and wait in TIME-WAIT for 2×MSL.</source>
        <translation>对方的 FIN 到达：回 ACK，并在 TIME-WAIT 中等待 2×MSL。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="227"/>
        <source>The peer&apos;s FIN came again (our ACK was lost): ACK it again and restart the 2MSL timer. This is TIME-WAIT&apos;s first reason; the second is that old duplicates of this connection must die out before the same 4-tuple is used again, which is why it lasts 2×MSL.</source>
        <translation>对方的 FIN 又来了（我们的 ACK 丢了）：再次回 ACK 并重启 2MSL 定时器。这是 TIME-WAIT 的第一个原因；第二个原因是这个连接的旧重复报文段必须先消失，同一个四元组才能再次使用，这正是它要持续 2×MSL 的原因。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="229"/>
        <source>2×MSL passed: no retransmitted FIN came, and any old duplicate of this connection has died out, so TIME-WAIT ends, the connection is CLOSED and its 4-tuple may be used again.</source>
        <translation>2×MSL 过去了：没有重传的 FIN 到来，这个连接的旧重复报文段也都已消失，所以 TIME-WAIT 结束，连接变为 CLOSED，它的四元组可以再次使用。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="237"/>
        <source>send() hands the bytes to the kernel, which sends them with ACK (PSH on the last segment), in segments of at most the MSS; seq is the number of the first byte.</source>
        <translation>send() 把字节交给内核，内核用带 ACK 的报文段发出（最后一个报文段带 PSH），每段不超过 MSS；seq 是第一个字节的序号。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="239"/>
        <source>send() before the connection is established: the data waits in the send queue.</source>
        <translation>连接建立之前调用 send()：数据在发送队列中等待。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="241"/>
        <source>Data arrived in order: the kernel delivers it to recv() and acknowledges it (ack = seq + len).</source>
        <translation>数据按序到达：内核把它交给 recv() 并确认（ack = seq + len）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="243"/>
        <source>The ACK confirms our bytes: they leave the retransmission queue.</source>
        <translation>ACK 确认了我们的字节：它们离开重传队列。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="245"/>
        <source>A duplicate ACK acknowledges nothing new: ignored.</source>
        <translation>重复的 ACK 没有确认新内容：忽略。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="247"/>
        <source>The ACK acknowledges data never sent: the endpoint answers with an ACK and drops the segment.</source>
        <translation>这个 ACK 确认了从未发送的数据：端点回一个 ACK 并丢弃该报文段。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="249"/>
        <source>No ACK came before the retransmission timer expired: the same segment is sent again and the timeout doubles.</source>
        <translation>重传定时器到期前没有收到 ACK：同一个报文段再发一次，超时时间加倍。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="251"/>
        <source>accept() returns the connection the kernel already established: the handshake happened without the application.</source>
        <translation>accept() 返回内核早已建立好的连接：握手是在应用程序不参与的情况下完成的。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="253"/>
        <source>The handshake is complete: connect() returns.</source>
        <translation>握手完成：connect() 返回。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="255"/>
        <source>recv() returns 0: the peer closed its direction (its FIN arrived).</source>
        <translation>recv() 返回 0：对方关闭了它的方向（它的 FIN 到了）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="257"/>
        <source>Error: the connection already exists.</source>
        <translation>错误：连接已经存在。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="259"/>
        <source>Error: there is no connection.</source>
        <translation>错误：连接不存在。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="261"/>
        <source>Error: the connection is closing; no more data can be sent.</source>
        <translation>错误：连接正在关闭，不能再发送数据。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="263"/>
        <source>accept() has no established connection to take yet.</source>
        <translation>accept() 还没有可取的已建立连接。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="265"/>
        <source>Error: a listening socket has no peer to send to.</source>
        <translation>错误：监听套接字没有可以发送的对端。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="267"/>
        <source>A SYN arrived in SYN-RECEIVED after a passive open: the half-open connection is dropped and the socket goes back to LISTEN.</source>
        <translation>被动打开后在 SYN-RECEIVED 中收到一个 SYN：半打开的连接被丢弃，套接字回到 LISTEN。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="269"/>
        <source>A segment without the ACK bit on a synchronized connection is dropped.</source>
        <translation>已同步的连接上收到不带 ACK 位的报文段：丢弃。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="271"/>
        <source>The SYN,ACK was never answered: after the last retry the half-open connection is dropped and the server keeps listening (back to LISTEN).</source>
        <translation>SYN,ACK 一直没有得到应答：最后一次重传之后，这个半开连接被丢弃，服务器继续监听（回到 LISTEN）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="273"/>
        <source>The peer&apos;s window is full (usable window 0): the bytes wait in the send buffer until the peer opens its window.</source>
        <translation>对方的窗口已满（可用窗口为 0）：数据留在发送缓冲区里，等对方重新打开窗口。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="275"/>
        <source>The peer&apos;s window stayed at 0 for a timeout: the persist timer sends one byte to probe it and waits twice as long before the next probe.</source>
        <translation>对方的窗口在一个超时时间内一直是 0：坚持计时器发送一个字节去探测，下一次探测前等待的时间加倍。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="277"/>
        <source>The peer&apos;s FIN arrived: CLOSE-WAIT. Linux does not ACK it at once: the delayed-ACK timer (40 ms) sends the ACK, unless the application closes first and its FIN carries the ACK (three segments instead of four).</source>
        <translation>对方的 FIN 到达：CLOSE-WAIT。Linux 不会立即确认它：延迟 ACK 定时器（40 毫秒）发送这个 ACK，除非应用程序先关闭，由它的 FIN 顺带这个 ACK（三个报文段而不是四个）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="279"/>
        <source>The delayed-ACK timer fired: the ACK that was held back goes out on its own.</source>
        <translation>延迟 ACK 定时器触发：被推迟的 ACK 单独发出。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="281"/>
        <source>abort(): Linux sends RST,ACK with ACK = RCV.NXT and forgets the connection; the RFC&apos;s reset carries no ACK.</source>
        <translation>abort()：Linux 发送 ACK = RCV.NXT 的 RST,ACK 并忘掉这个连接；RFC 的复位报文不带 ACK。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="283"/>
        <source>The peer&apos;s SYN,ACK crossed ours: Linux takes its ACK and is ESTABLISHED at once (the RFC&apos;s text waits for one more ACK), then ACKs the old SYN.</source>
        <translation>对方的 SYN,ACK 与我们的交叉而过：Linux 接受其中的 ACK，立即进入 ESTABLISHED（RFC 原文还要再等一个 ACK），然后确认那个旧的 SYN。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="285"/>
        <source>The same SYN came again while the connection is half-open: Linux answers it with its SYN,ACK again.</source>
        <translation>连接半开时同一个 SYN 又来了：Linux 再次用它的 SYN,ACK 回答。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="287"/>
        <source>socket() creates a socket and returns the lowest free descriptor: 0, 1 and 2 are the standard streams, so the first socket is 3.</source>
        <translation>socket() 创建一个套接字并返回最小的空闲描述符：0、1、2 是标准输入输出，所以第一个套接字是 3。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="289"/>
        <source>bind() gives the socket its local port; a server binds a well-known port so that clients can find it.</source>
        <translation>bind() 给套接字一个本地端口；服务器绑定一个众所周知的端口，客户端才能找到它。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="291"/>
        <source>bind() fails: address already in use (EADDRINUSE). Another socket holds the port — a connection in TIME-WAIT too, unless both the old and the new socket set SO_REUSEADDR.</source>
        <translation>bind() 失败：地址已被使用（EADDRINUSE）。另一个套接字占着这个端口——处于 TIME-WAIT 的连接也算，除非旧套接字和新套接字都设置了 SO_REUSEADDR。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="293"/>
        <source>setsockopt(SO_REUSEADDR): bind() may take a port that only TIME-WAIT connections hold, if they set it too. Servers set it before bind() so that a restart does not fail.</source>
        <translation>setsockopt(SO_REUSEADDR)：如果那些连接也设置了它，bind() 就可以使用只被 TIME-WAIT 连接占用的端口。服务器在 bind() 之前设置它，这样重启时不会失败。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="295"/>
        <source>accept() finds the accept queue empty and blocks: it returns when a handshake completes. The kernel completes handshakes by itself; accept() only takes finished connections off the queue.</source>
        <translation>accept() 发现 accept 队列为空而阻塞：等到一次握手完成才返回。握手由内核自己完成；accept() 只是把已完成的连接从队列中取出。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="297"/>
        <source>The accept queue is full (Linux: its length exceeds the backlog), so the listener drops the SYN without an answer; the client&apos;s retransmission timer will send it again.</source>
        <translation>accept 队列已满（Linux：长度超过 backlog），于是监听套接字丢弃这个 SYN，不作应答；客户端的重传定时器会再次发送它。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="299"/>
        <source>The final ACK arrives while the accept queue is full: Linux ignores it (tcp_abort_on_overflow = 0). The client already believes it is ESTABLISHED; the server will retransmit its SYN,ACK.</source>
        <translation>最后的 ACK 到达时 accept 队列已满：Linux 忽略它（tcp_abort_on_overflow = 0）。客户端已经认为连接是 ESTABLISHED；服务器会重传它的 SYN,ACK。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="301"/>
        <source>The final ACK arrives while the accept queue is full and tcp_abort_on_overflow = 1: the server answers with a RST and forgets the connection.</source>
        <translation>最后的 ACK 到达时 accept 队列已满，且 tcp_abort_on_overflow = 1：服务器回答一个 RST 并忘掉这个连接。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="303"/>
        <source>The SYN queue is full (its length reached the backlog): Linux answers with a SYN cookie — a SYN,ACK whose sequence number encodes the connection, with no queue entry, so it is never retransmitted.</source>
        <translation>SYN 队列已满（长度达到 backlog）：Linux 用 SYN cookie 回答——一个用序号编码连接信息的 SYN,ACK，不占队列项，所以永远不会重传。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="305"/>
        <source>The SYN queue is full and SYN cookies are off: the SYN is dropped; the client will retransmit it.</source>
        <translation>SYN 队列已满且 SYN cookie 关闭：这个 SYN 被丢弃；客户端会重传它。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="307"/>
        <source>The final ACK returns a valid SYN cookie: the connection is rebuilt from it and goes straight to the accept queue.</source>
        <translation>最后的 ACK 带回一个有效的 SYN cookie：连接由它重建，直接进入 accept 队列。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="309"/>
        <source>SYN cookies are off and fewer than a quarter of tcp_max_syn_backlog is left for half-open connections: Linux drops the SYN (that last quarter is kept for peers it already knows); the client will retransmit it.</source>
        <translation>SYN cookie 已关闭，且留给半打开连接的空间已不足 tcp_max_syn_backlog 的四分之一：Linux 丢弃这个 SYN（最后这四分之一留给它已经认识的对端）；客户端会重传它。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="325"/>
        <source>RFC 9293 §%1</source>
        <translation>RFC 9293 §%1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="330"/>
        <source>This recv() returned the bytes of more than one send() at once: TCP carries a byte stream, not messages, so it keeps no boundaries between sends. An application that needs messages must mark them itself, with a length or a delimiter.</source>
        <translation>这次 recv() 一次返回了不止一个 send() 的字节：TCP 传送的是字节流而不是消息，所以不保留各次 send 之间的边界。需要消息的应用程序必须自己标记它们，用长度或分隔符。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="397"/>
        <source>The ACK of this side&apos;s SYN arrived: it is ESTABLISHED. This was a simultaneous open: there was no listen(), so no accept queue; connect() returns.</source>
        <translation>这一方 SYN 的确认到达：它进入 ESTABLISHED。这是一次同时打开：没有调用 listen()，所以没有 accept 队列；connect() 返回。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="400"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="400"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="402"/>
        <source>Client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="404"/>
        <source>Server (client %1&apos;s connection)</source>
        <translation>服务器（与客户端 %1 的连接）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="405"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../core/session/src/explanation.cpp" line="410"/>
        <source>The network lost the segment: nobody receives it, and only its sender&apos;s retransmission timer will notice.</source>
        <translation>网络丢失了这个报文段：没有人收到它，只有发送方的重传定时器会发现。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/exportdialog.cpp" line="24"/>
        <location filename="../../app/exportdialog.cpp" line="142"/>
        <location filename="../../app/exportdialog.cpp" line="151"/>
        <source>Export ladder</source>
        <translation>导出时序图</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="28"/>
        <source>ladder.svg, ladder.pdf or ladder.png</source>
        <translation>ladder.svg、ladder.pdf 或 ladder.png</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="30"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="35"/>
        <source>File (.svg, .pdf or .png):</source>
        <translation>文件（.svg、.pdf 或 .png）：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/exportdialog.cpp" line="38"/>
        <source>The whole lesson (%n step(s))</source>
        <translation>
            <numerusform>整个课程（%n 步）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="39"/>
        <source>Up to the current step (step %1)</source>
        <translation>到当前这一步为止（第 %1 步）</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="41"/>
        <source>Steps:</source>
        <translation>步骤：</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="43"/>
        <source>Include the state diagram</source>
        <translation>包含状态图</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="48"/>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="49"/>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="52"/>
        <source>PDF page size:</source>
        <translation>PDF 页面大小：</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="56"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="57"/>
        <source>2× for slides: twice the pixels, the same layout</source>
        <translation>幻灯片用 2×：像素加倍，布局不变</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="58"/>
        <source>PNG scale:</source>
        <translation>PNG 缩放：</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="61"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="152"/>
        <source>SVG drawing (*.svg);;PDF document (*.pdf);;PNG image (*.png)</source>
        <translation>SVG 图形 (*.svg);;PDF 文档 (*.pdf);;PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../app/exportdialog.cpp" line="163"/>
        <source>The name must end in .svg, .pdf or .png</source>
        <translation>文件名必须以 .svg、.pdf 或 .png 结尾</translation>
    </message>
</context>
<context>
    <name>InspectorView</name>
    <message>
        <location filename="../../app/inspectorview.cpp" line="119"/>
        <source>Click an arrow in the ladder diagram to see its TCP header here.</source>
        <translation>点击时序图中的箭头，在这里查看它的 TCP 首部。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="125"/>
        <location filename="../../app/inspectorview.cpp" line="126"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="125"/>
        <location filename="../../app/inspectorview.cpp" line="126"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="132"/>
        <source>Source port</source>
        <translation>源端口</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="133"/>
        <source>The %1&apos;s port: where the segment comes from.</source>
        <translation>%1的端口：报文段从这里发出。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="134"/>
        <source>Destination port</source>
        <translation>目的端口</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="135"/>
        <source>The %1&apos;s port: which socket receives it.</source>
        <translation>%1的端口：由哪个套接字接收。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="139"/>
        <source>Sequence number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="140"/>
        <source>The initial sequence number (ISN) the %1 chose; the SYN itself uses it up.</source>
        <translation>%1选择的初始序列号（ISN）；SYN 本身占用这个序号。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="141"/>
        <source>Number of the first byte this segment carries (a FIN counts as one byte).</source>
        <translation>本报文段携带的第一个字节的序号（FIN 算一个字节）。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="146"/>
        <source>Acknowledgment number</source>
        <translation>确认号</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="147"/>
        <source>The next byte the %1 expects: everything before it arrived.</source>
        <translation>%1期望的下一个字节：之前的字节都已收到。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="148"/>
        <source>Not used: the ACK flag is off.</source>
        <translation>未使用：ACK 标志没有置位。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="150"/>
        <source>Data offset</source>
        <translation>数据偏移</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="150"/>
        <source>%1 words = %2 bytes</source>
        <translation>%1 个字 = %2 字节</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="151"/>
        <source>Header length in 32-bit words; the data starts after it.</source>
        <translation>以 32 位字为单位的首部长度；数据从它之后开始。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="152"/>
        <source>Flags</source>
        <translation>标志位</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="153"/>
        <source>Control bits: SYN opens, FIN closes, RST aborts, ACK says the ack field is valid, PSH pushes data to the application.</source>
        <translation>控制位：SYN 建立连接，FIN 关闭，RST 中止，ACK 表示确认号有效，PSH 把数据推给应用程序。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="155"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="157"/>
        <source>How many more bytes the %1 can receive now (flow control), in units of 2^shift: the window scale its SYN announced (Linux on loopback: 512 × 128 = 65536 bytes).</source>
        <translation>%1 现在还能接收多少字节（流量控制），单位是 2^shift：它的 SYN 宣告的窗口缩放（回环接口上的 Linux：512 × 128 = 65536 字节）。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="158"/>
        <source>How many more bytes the %1 can receive now (flow control).</source>
        <translation>%1现在还能接收多少字节（流量控制）。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="163"/>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="164"/>
        <source>Covers an IP pseudo-header, the header and the data; the receiver drops the segment if it does not match.</source>
        <translation>覆盖 IP 伪首部、TCP 首部和数据；不匹配时接收方丢弃该报文段。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="166"/>
        <source>Urgent pointer</source>
        <translation>紧急指针</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="166"/>
        <source>Unused: the URG flag is off.</source>
        <translation>未使用：URG 标志没有置位。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="182"/>
        <source>NOP</source>
        <translation>NOP</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="182"/>
        <source>1 byte of padding</source>
        <translation>1 字节填充</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="182"/>
        <source>%1 bytes of padding</source>
        <translation>%1 字节填充</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="183"/>
        <source>No-operation: moves the next option to a 32-bit boundary.</source>
        <translation>空操作：把下一个选项移到 32 位边界。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="187"/>
        <source>Option: MSS</source>
        <translation>选项：MSS</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="188"/>
        <source>Maximum segment size: the largest data the %1 accepts in one segment (sent only on SYNs).</source>
        <translation>最大报文段长度：%1在一个报文段中能接受的最大数据量（只在 SYN 中发送）。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="192"/>
        <source>Option: window scale</source>
        <translation>选项：窗口缩放</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="193"/>
        <source>shift %1 (×%2)</source>
        <translation>移位 %1（×%2）</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="194"/>
        <source>After the handshake the %1&apos;s window fields are multiplied by this (RFC 7323), so a 16-bit field can announce more than 64 KB. Sent only on SYNs, used only when both SYNs carry it.</source>
        <translation>握手之后，%1 的窗口字段要乘以这个倍数（RFC 7323），这样 16 位的字段也能宣告超过 64 KB 的窗口。只在 SYN 中发送，只有两个 SYN 都带它时才使用。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="198"/>
        <source>Option: SACK permitted</source>
        <translation>选项：允许 SACK</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="198"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="199"/>
        <source>The %1 understands selective acknowledgments (RFC 2018): a receiver can say which later blocks arrived after a loss. Sent only on SYNs.</source>
        <translation>%1 支持选择确认（RFC 2018）：发生丢失后，接收方可以说明后面哪些数据块已经到达。只在 SYN 中发送。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="203"/>
        <source>Option: timestamps</source>
        <translation>选项：时间戳</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="203"/>
        <source>TSval %1, TSecr %2</source>
        <translation>TSval %1，TSecr %2</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="204"/>
        <source>The %1&apos;s clock and the last clock value it received (RFC 7323): for round-trip times and to reject old segments whose sequence numbers wrapped. Once both SYNs carry it, every segment does (12 more header bytes).</source>
        <translation>%1 的时钟值和它最近收到的时钟值（RFC 7323）：用来测量往返时间，并拒绝序号已经回绕的旧报文段。两个 SYN 都带它之后，每个报文段都带（首部多 12 字节）。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="214"/>
        <source>Padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="214"/>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="214"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="215"/>
        <source>Zero bytes that end the options at a 32-bit boundary.</source>
        <translation>让选项在 32 位边界结束的零字节。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="218"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/inspectorview.cpp" line="218"/>
        <source>%n byte(s): %1</source>
        <translation>
            <numerusform>%n 字节：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="219"/>
        <source>The application&apos;s bytes, exactly as send() gave them.</source>
        <translation>应用程序的字节，与 send() 交给内核的完全一样。</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="225"/>
        <source>Segment #%1: %2 → %3, %4</source>
        <translation>报文段 #%1：%2 → %3，%4</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="228"/>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/inspectorview.cpp" line="232"/>
        <source>%n byte(s) on the wire: %1 of header, %2 of data.</source>
        <translation>
            <numerusform>线路上共 %n 字节：首部 %1 字节，数据 %2 字节。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="295"/>
        <source>Network byte order (big-endian):</source>
        <translation>网络字节序（大端）：</translation>
    </message>
    <message>
        <location filename="../../app/inspectorview.cpp" line="296"/>
        <source>the most significant byte is sent first, so seq %1 is sent as %2.</source>
        <translation>最高有效字节先发送，所以 seq %1 发送为 %2。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/inspectorview.cpp" line="288"/>
        <source>… %n more byte(s)</source>
        <translation>
            <numerusform>… 另有 %n 字节</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KernelTcpInfo</name>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="319"/>
        <source>MSS %1</source>
        <translation>MSS %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="321"/>
        <source>SACK</source>
        <translation>SACK</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="323"/>
        <source>timestamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="325"/>
        <source>window scale %1/%2</source>
        <translation>窗口缩放 %1/%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="327"/>
        <source>ECN</source>
        <translation>ECN</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="328"/>
        <source>RTO %1 ms</source>
        <translation>RTO %1 毫秒</translation>
    </message>
    <message>
        <location filename="../../core/live/src/kerneltable.cpp" line="330"/>
        <source>delayed ACK %1 ms</source>
        <translation>延迟 ACK %1 毫秒</translation>
    </message>
</context>
<context>
    <name>LadderExport</name>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="89"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="90"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="179"/>
        <source>TCP ladder diagram exported by tcpsim</source>
        <translation>由 tcpsim 导出的 TCP 时序图</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="182"/>
        <source>cannot write SVG</source>
        <translation>无法写入 SVG</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="202"/>
        <source>the picture would be %1 × %2 pixels, too large for a PNG; export up to an earlier step, at a smaller scale, or as PDF</source>
        <translation>图片将有 %1 × %2 像素，对 PNG 来说太大；请导出到更早的一步、用更小的缩放，或导出为 PDF</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="209"/>
        <source>not enough memory for a %1 × %2 picture</source>
        <translation>内存不足，无法生成 %1 × %2 的图片</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="246"/>
        <source>cannot write PDF</source>
        <translation>无法写入 PDF</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="266"/>
        <source>%1 (page %2)</source>
        <translation>%1（第 %2 页）</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="274"/>
        <source>State diagram (RFC 9293 Figure 5) after step %1</source>
        <translation>第 %1 步之后的状态图（RFC 9293 图 5）</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="326"/>
        <source>%1: unknown file type: the name must end in .svg, .pdf or .png</source>
        <translation>%1：未知的文件类型：文件名必须以 .svg、.pdf 或 .png 结尾</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="330"/>
        <source>the scale must be 1 to %1</source>
        <translation>缩放必须在 1 到 %1 之间</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderexport.cpp" line="335"/>
        <location filename="../../core/render/src/ladderexport.cpp" line="357"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
</context>
<context>
    <name>LadderView</name>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="39"/>
        <source>connect() blocks</source>
        <translation>connect() 阻塞</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="41"/>
        <source>send(%1)</source>
        <translation>send(%1)</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="43"/>
        <source>call</source>
        <translation>调用</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="51"/>
        <source>recv() returns 0</source>
        <translation>recv() 返回 0</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="52"/>
        <source>recv() → %1</source>
        <translation>recv() → %1</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="55"/>
        <source>connect() returns</source>
        <translation>connect() 返回</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="57"/>
        <source>accept() returns</source>
        <translation>accept() 返回</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="58"/>
        <source>%1() returns</source>
        <translation>%1() 返回</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="66"/>
        <source>error: connection refused</source>
        <translation>错误：连接被拒绝</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="68"/>
        <source>error: connection reset</source>
        <translation>错误：连接被重置</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="70"/>
        <source>error: connection timed out</source>
        <translation>错误：连接超时</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="72"/>
        <source>error: connection already exists</source>
        <translation>错误：连接已存在</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="74"/>
        <source>error: connection does not exist</source>
        <translation>错误：连接不存在</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="76"/>
        <source>error: connection closing</source>
        <translation>错误：连接正在关闭</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="78"/>
        <source>error: nothing to accept</source>
        <translation>错误：没有可接受的连接</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="80"/>
        <source>error: foreign socket unspecified</source>
        <translation>错误：未指定对端套接字</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="84"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="93"/>
        <source>SYN from %1 dropped: accept queue full</source>
        <translation>来自 %1 的 SYN 被丢弃：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="95"/>
        <source>final ACK from %1 ignored: accept queue full</source>
        <translation>来自 %1 的最后 ACK 被忽略：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="97"/>
        <source>final ACK from %1 answered with RST: accept queue full</source>
        <translation>来自 %1 的最后 ACK 以 RST 回应：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="99"/>
        <source>SYN from %1 dropped: SYN queue full</source>
        <translation>来自 %1 的 SYN 被丢弃：SYN 队列已满</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="101"/>
        <source>SYN from %1 dropped: tcp_max_syn_backlog nearly used up</source>
        <translation>来自 %1 的 SYN 被丢弃：tcp_max_syn_backlog 即将用尽</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="103"/>
        <source>SYN cookie to %1: SYN queue full, no entry kept</source>
        <translation>向 %1 发送 SYN cookie：SYN 队列已满，不保留条目</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="113"/>
        <source>2MSL timer expires</source>
        <translation>2MSL 定时器到期</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="115"/>
        <source>persist timer fires</source>
        <translation>坚持计时器触发</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="117"/>
        <source>delayed-ACK timer fires</source>
        <translation>延迟 ACK 定时器触发</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="119"/>
        <source>retransmission timer fires</source>
        <translation>重传定时器到期</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="584"/>
        <source>listener fd %1</source>
        <translation>监听套接字 fd %1</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="585"/>
        <source>listener</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="589"/>
        <source>fd %1 ↔ %2</source>
        <extracomment>The server&apos;s connection with a client, by its descriptor: &quot;fd 4 ↔ client2&quot;</extracomment>
        <translation>fd %1 ↔ %2</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="593"/>
        <source>↔ %1 (no&#xa0;fd)</source>
        <translation>↔ %1（无&#xa0;fd）</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="594"/>
        <source>↔ %1 (queue)</source>
        <translation>↔ %1（队列中）</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="602"/>
        <source>%1: %2</source>
        <extracomment>A label on a ladder of many clients: whose socket, then what happened to it</extracomment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="640"/>
        <source>the server&apos;s listening socket</source>
        <translation>服务器的监听套接字</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="641"/>
        <source>the server&apos;s connection with %1</source>
        <translation>服务器与 %1 的连接</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="650"/>
        <source>L</source>
        <extracomment>The tag above the listening socket&apos;s lane (short: a lane is a few letters wide)</extracomment>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="656"/>
        <source>c%1</source>
        <extracomment>The tag above a client&apos;s lane, and above the server&apos;s connection with it: c1, c2, ...</extracomment>
        <translation>c%1</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="40"/>
        <source>Ladder diagram</source>
        <translation>时序图</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderplacement.cpp" line="537"/>
        <source>retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderplacement.cpp" line="539"/>
        <source>crafted</source>
        <translation>构造的</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="453"/>
        <source>Inspect this segment</source>
        <translation>查看这个报文段</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="459"/>
        <source>Lose this segment</source>
        <translation>让这个报文段丢失</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="512"/>
        <source>%1 (collapsed). Click to show its labels again.</source>
        <translation>%1（已折叠）。点击以重新显示它的标签。</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="513"/>
        <source>%1. Click to collapse this lane: its labels are hidden.</source>
        <translation>%1。点击折叠这条泳道：隐藏它的标签。</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="517"/>
        <source>%1. Click to show its state in the state diagram.</source>
        <translation>%1。点击在状态图中显示它的状态。</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="522"/>
        <source>In flight. Click to inspect this segment&apos;s TCP header; Shift+click (or right-click → Lose this segment) to lose it in the network.</source>
        <translation>正在传输中。单击查看这个报文段的 TCP 首部；Shift+单击（或右键 → 让这个报文段丢失）让它在网络中丢失。</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="524"/>
        <source>Click to inspect this segment&apos;s TCP header.</source>
        <translation>点击查看这个报文段的 TCP 首部。</translation>
    </message>
    <message>
        <location filename="../../app/ladderview.cpp" line="528"/>
        <source>This lesson is too long to fit at a readable size: scroll for the rest.</source>
        <translation>这个课程太长，无法以可读的大小全部显示：其余部分请滚动查看。</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="635"/>
        <location filename="../../core/render/src/ladderpainter.cpp" line="163"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderlayout.cpp" line="636"/>
        <location filename="../../core/render/src/ladderpainter.cpp" line="171"/>
        <location filename="../../core/render/src/ladderpainter.cpp" line="188"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderpainter.cpp" line="163"/>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderpainter.cpp" line="164"/>
        <location filename="../../core/render/src/ladderpainter.cpp" line="173"/>
        <location filename="../../core/render/src/ladderpainter.cpp" line="195"/>
        <source>127.0.0.1 port %1</source>
        <translation>127.0.0.1 端口 %1</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderpainter.cpp" line="164"/>
        <source>127.0.0.1</source>
        <translation>127.0.0.1</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderaxis.cpp" line="32"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../core/render/src/ladderaxis.cpp" line="37"/>
        <source>… %1 s</source>
        <translation>… %1 秒</translation>
    </message>
</context>
<context>
    <name>LessonLibrary</name>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="85"/>
        <source>too large for a lesson (more than %1 MB)</source>
        <translation>作为课程文件太大（超过 %1 MB）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="137"/>
        <source>the lesson file is empty</source>
        <translation>课程文件是空的</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="143"/>
        <source>not a lesson file (binary data at line %1)</source>
        <translation>不是课程文件（第 %1 行有二进制数据）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="150"/>
        <source>too many commands for a lesson (%1; at most %2)</source>
        <translation>课程中的命令太多（%1 条；最多 %2 条）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="179"/>
        <source>no such built-in lesson or file</source>
        <translation>没有这个内置课程，也没有这个文件</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="181"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="184"/>
        <source>is a folder, not a lesson file</source>
        <translation>这是一个文件夹，不是课程文件</translation>
    </message>
    <message>
        <location filename="../../core/session/src/lessonlibrary.cpp" line="189"/>
        <source>cannot open the lesson: %1</source>
        <translation>无法打开课程：%1</translation>
    </message>
</context>
<context>
    <name>LiveMirror</name>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="27"/>
        <location filename="../../core/session/src/livemirror.cpp" line="596"/>
        <location filename="../../core/session/src/livemirror.cpp" line="684"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="29"/>
        <location filename="../../core/session/src/livemirror.cpp" line="596"/>
        <location filename="../../core/session/src/livemirror.cpp" line="684"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="31"/>
        <source>listener</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="33"/>
        <source>other</source>
        <translation>其他连接</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="58"/>
        <source>descriptor %1</source>
        <translation>描述符 %1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="222"/>
        <source>The live pair cannot un-send: it stays at step %1. Its rows for the later steps are hidden and come back as you step forward again.</source>
        <translation>真实套接字对无法撤回已发送的内容：它停留在第 %1 步。之后各步的日志行暂时隐藏，再次前进时会重新显示。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="530"/>
        <source>The model&apos;s delayed-ACK timer fired at this step; in real time the kernel had already sent that ACK (when its own 40 ms timer fired, or earlier when the live application read) and loopback delivered it at once, so the kernel is already further along. Nothing was lost.</source>
        <translation>模型的延迟 ACK 定时器在这一步触发；而在真实时间里，内核早已发出了这个 ACK（在它自己的 40 毫秒定时器触发时，或者更早，在真实的应用程序读取数据时），回环接口也立即递交了它，所以内核已经走在前面了。没有丢失任何东西。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="600"/>
        <source>no entry</source>
        <translation>无表项</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="601"/>
        <source>nothing left in the kernel&apos;s table</source>
        <translation>内核的连接表中已没有它</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="603"/>
        <location filename="../../core/session/src/livemirror.cpp" line="610"/>
        <source>still</source>
        <translation>仍在</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="605"/>
        <source>in TIME-WAIT for %1 s; Linux keeps it 60 s</source>
        <translation>已处于 TIME-WAIT %1 秒；Linux 会保持 60 秒</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="607"/>
        <source>held</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="608"/>
        <source>held: this side&apos;s application has not called close() yet</source>
        <translation>保持：这一方的应用程序还没有调用 close()</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="611"/>
        <source>no change in the kernel at this step</source>
        <translation>这一步内核中没有变化</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="613"/>
        <source>The kernel&apos;s state did not change at this step.</source>
        <translation>这一步内核的状态没有改变。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="652"/>
        <source>entry gone</source>
        <translation>表项已消失</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="652"/>
        <source>observed</source>
        <translation>观测到</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="652"/>
        <source>inferred</source>
        <translation>推断</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="681"/>
        <source>simulation only</source>
        <translation>仅模拟</translation>
    </message>
    <message>
        <location filename="../../core/session/src/livemirror.cpp" line="692"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/session/src/livemirror.cpp" line="717"/>
        <source>%n earlier observation(s) of connections from outside the lesson not shown</source>
        <translation>
            <numerusform>另有 %n 条来自课程之外的连接的较早记录未显示</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LivePane</name>
    <message>
        <location filename="../../app/livepane.cpp" line="131"/>
        <source>not available on this system</source>
        <translation>本系统不支持</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="115"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="116"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="117"/>
        <source>Sockets on the server&apos;s port (the listening socket, the connected sockets accept() returned, and what only the kernel still has):</source>
        <translation>服务器端口上的套接字（监听套接字、accept() 返回的已连接套接字，以及只有内核还保留的连接）：</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="119"/>
        <source>Every connection to the live server is listed, including ones from outside the lesson, for example: nc 127.0.0.1 %1</source>
        <translation>这里列出连接到真实服务器的每一个连接，包括课程之外的连接，例如：nc 127.0.0.1 %1</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="134"/>
        <source>no connection</source>
        <translation>无连接</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="135"/>
        <source>CLOSED (no entry)</source>
        <translation>CLOSED（无表项）</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="138"/>
        <source>%1 (held)</source>
        <translation>%1（保持）</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="142"/>
        <source>%1 (%2 s left)</source>
        <translation>%1（剩余 %2 秒）</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="150"/>
        <source>model: %1  ·  kernel: %2</source>
        <translation>模型：%1  ·  内核：%2</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="169"/>
        <source>The live pair is off (Lesson → Live pair).</source>
        <translation>真实套接字对已关闭（课程 → 真实套接字对）。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="174"/>
        <source>Port %1 was taken: the live server listens on %2 instead.</source>
        <translation>端口 %1 已被占用：真实服务器改为监听 %2。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="175"/>
        <source>The live server listens on %1.</source>
        <translation>真实服务器正在监听 %1。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="177"/>
        <source>Waiting for the lesson&apos;s listen step (port %1).</source>
        <translation>等待课程的 listen 步骤（端口 %1）。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="178"/>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="180"/>
        <source>The live server is not listening.</source>
        <translation>真实服务器没有在监听。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="185"/>
        <source>Kernel states: not available on this system.</source>
        <translation>内核状态：本系统不支持。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="189"/>
        <source>Warning: the live server listens on %1, which other machines can reach.</source>
        <translation>警告：真实服务器正在监听 %1，其他机器也能访问到它。</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="211"/>
        <source>Since listen(), the kernel counted ListenOverflows +%1 · ListenDrops +%2 (/proc/net/netstat: the whole machine&apos;s)</source>
        <translation>自 listen() 以来，内核计数 ListenOverflows +%1 · ListenDrops +%2（/proc/net/netstat：整台机器的计数）</translation>
    </message>
    <message>
        <location filename="../../app/livepane.cpp" line="219"/>
        <source>The lesson went back to step %1; the live pair stays at step %2: a real connection cannot un-send.</source>
        <translation>课程退回到了第 %1 步；真实套接字对停留在第 %2 步：真实的连接无法撤回已发送的内容。</translation>
    </message>
</context>
<context>
    <name>LiveProgram</name>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="81"/>
        <source>worker thread</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="82"/>
        <source>accepting thread</source>
        <translation>accept 线程</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="83"/>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="193"/>
        <source>accept() not called: %1 threads are serving already; the connection waits in the kernel&apos;s accept queue</source>
        <translation>未调用 accept()：已有 %1 个线程在服务；该连接在内核的 accept 队列中等待</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="215"/>
        <source>accept() failed: %1</source>
        <translation>accept() 失败：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="239"/>
        <source>thread %1</source>
        <translation>线程 %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="268"/>
        <source>%1(): the real server has no connection from port %2</source>
        <translation>%1()：真实服务器没有来自端口 %2 的连接</translation>
    </message>
    <message>
        <source>recv(): the real server accepted no connection from port %1</source>
        <translation type="vanished">recv()：真实服务器没有接受来自端口 %1 的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="292"/>
        <source>recv() would block: the kernel has nothing for it yet</source>
        <translation>recv() 将会阻塞：内核中还没有可读的数据</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="295"/>
        <source>recv() failed: %1</source>
        <translation>recv() 失败：%1</translation>
    </message>
    <message>
        <source>send(): the real server has no connection from port %1</source>
        <translation type="vanished">send()：真实服务器没有来自端口 %1 的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveprogram.cpp" line="335"/>
        <source>send() failed: %1</source>
        <translation>send() 失败：%1</translation>
    </message>
    <message>
        <source>close(): the real server has no connection from port %1</source>
        <translation type="vanished">close()：真实服务器没有来自端口 %1 的连接</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="125"/>
        <source>About tcpsim</source>
        <translation>关于 tcpsim</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="126"/>
        <source>&lt;p&gt;&lt;b&gt;tcpsim&lt;/b&gt; shows how TCP opens and closes a connection, one segment at a time, following RFC 9293.&lt;/p&gt;&lt;p&gt;Space or → steps, ← goes back, Home resets, P plays.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;tcpsim&lt;/b&gt; 按照 RFC 9293，一个报文段一个报文段地展示 TCP 如何建立和关闭连接。&lt;/p&gt;&lt;p&gt;空格或 → 前进一步，← 后退，Home 重置，P 自动播放。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="155"/>
        <location filename="../../app/mainwindowui.cpp" line="393"/>
        <source>Lesson: %1</source>
        <translation>课程：%1</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="344"/>
        <source>tcpsim — TCP handshake and teardown</source>
        <translation>tcpsim — TCP 三次握手与四次挥手</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="345"/>
        <source>&amp;New free session</source>
        <translation>新建自由练习(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="346"/>
        <source>&amp;Open lesson…</source>
        <translation>打开课程(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="347"/>
        <source>&amp;Save lesson as…</source>
        <translation>课程另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="348"/>
        <source>Save transition &amp;log as CSV…</source>
        <translation>将状态转换日志保存为 CSV(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="349"/>
        <source>Export &amp;packets for Wireshark…</source>
        <translation>导出报文供 Wireshark 使用(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="350"/>
        <source>The lesson&apos;s segments up to this step as a pcap capture (IPv4, real TCP headers)</source>
        <translation>截至当前步骤的报文段，保存为 pcap 抓包文件（IPv4，真实的 TCP 首部）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="351"/>
        <source>Export &amp;ladder…</source>
        <translation>导出时序图(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="356"/>
        <source>The ladder and the state diagram as SVG, PDF or PNG, for slides and handouts</source>
        <translation>把时序图和状态图导出为 SVG、PDF 或 PNG，用于幻灯片和讲义</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="357"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="358"/>
        <source>Step ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="359"/>
        <source>Run the next step (Space, →, Page Down)</source>
        <translation>执行下一步（空格、→、Page Down）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="360"/>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="361"/>
        <source>Go back one step, exactly (←, Backspace, Page Up)</source>
        <translation>精确地后退一步（←、Backspace、Page Up）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="362"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="363"/>
        <source>Back to the start of the lesson (Home)</source>
        <translation>回到课程开头（Home）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="392"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="352"/>
        <location filename="../../app/mainwindowui.cpp" line="364"/>
        <location filename="../../app/mainwindowui.cpp" line="423"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="352"/>
        <location filename="../../app/mainwindowui.cpp" line="364"/>
        <location filename="../../app/mainwindowui.cpp" line="423"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="113"/>
        <source>This lesson is too long to fit at a readable size: the ladder still scrolls.</source>
        <translation>这个课程太长，无法以可读的大小全部显示：时序图仍需滚动。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="353"/>
        <source>&amp;Compare textbook and Linux…</source>
        <translation>对比教科书与 Linux(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="354"/>
        <source>The lesson under RFC 9293 and under Linux, side by side, with where they part</source>
        <translation>把课程在 RFC 9293 和 Linux 下的过程并排显示，并标出两者的分歧之处</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="366"/>
        <source>Play the lesson step by step (P)</source>
        <translation>逐步自动播放课程（P）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="367"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="368"/>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="369"/>
        <source>Presentation mode: only the ladder, the explanation and the state diagram, full screen, in large type (F5; Esc leaves)</source>
        <translation>演示模式：只显示时序图、讲解和状态图，全屏大字号（F5；Esc 退出）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="371"/>
        <source>Leave presentation mode</source>
        <translation>退出演示模式</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="372"/>
        <source>Presentation controls</source>
        <translation>演示控制</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="373"/>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="374"/>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="375"/>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="377"/>
        <source>Fit &amp;all</source>
        <translation>全部显示(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="378"/>
        <source>The whole ladder on screen, rows compressed (Ctrl+9; again: normal rows)</source>
        <translation>整个时序图显示在屏幕上，行被压缩（Ctrl+9；再按一次：恢复正常行高）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="381"/>
        <source>&amp;Time scale</source>
        <translation>时间刻度(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="382"/>
        <source>The ladder&apos;s vertical axis shows virtual time: waits such as the SYN back-off and TIME-WAIT get their length; long ones are shortened and labelled (Ctrl+T)</source>
        <translation>时序图的纵轴表示虚拟时间：SYN 重传退避、TIME-WAIT 等等待按其时长显示；较长的等待被缩短并加上标注（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="385"/>
        <source>&amp;About tcpsim</source>
        <translation>关于 tcpsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="386"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="387"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="388"/>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="389"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="390"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="391"/>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="394"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="395"/>
        <source>Numbers:</source>
        <translation>序号：</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="396"/>
        <source>Symbolic (j, k)</source>
        <translation>符号（j、k）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="397"/>
        <source>Relative</source>
        <translation>相对</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="398"/>
        <source>Absolute</source>
        <translation>绝对</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="399"/>
        <source>Symbolic: the client&apos;s ISN is j and the server&apos;s k, as in the textbooks. Relative: counted from each side&apos;s ISN, as Wireshark shows them. Absolute: the numbers on the wire.</source>
        <translation>符号：客户端的 ISN 记作 j，服务器的记作 k，与教科书一致。相对：从各自的 ISN 开始计数，与 Wireshark 显示的一样。绝对：线路上的真实数值。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="39"/>
        <source>TCP &amp;profile</source>
        <translation>TCP 配置(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="40"/>
        <source>As the lesson says</source>
        <translation>按课程的设定</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="41"/>
        <source>The lesson&apos;s &quot;# profile:&quot; line chooses; RFC 9293 without one</source>
        <translation>由课程的“# profile:”行选择；没有这一行时用 RFC 9293</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="42"/>
        <source>RFC 9293 (the textbook)</source>
        <translation>RFC 9293（教科书）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="43"/>
        <source>Linux (the kernel on loopback)</source>
        <translation>Linux（回环接口上的内核）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="44"/>
        <source>SYN options and timestamps, scaled windows, a delayed ACK of a FIN, RST,ACK on abort, TIME-WAIT fixed at 60 s</source>
        <translation>SYN 选项和时间戳、缩放的窗口、对 FIN 的延迟 ACK、abort 时发送 RST,ACK、TIME-WAIT 固定为 60 秒</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="77"/>
        <source>State diagram (RFC 9293) · Linux profile</source>
        <translation>状态图（RFC 9293）· Linux 配置</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowprofile.cpp" line="78"/>
        <source>State diagram (RFC 9293)</source>
        <translation>状态图（RFC 9293）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="404"/>
        <source>Transition log</source>
        <translation>状态转换日志</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="405"/>
        <source>Segment inspector</source>
        <translation>报文段检查器</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="406"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="407"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="409"/>
        <source>Sockets</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="443"/>
        <source>Free play (empty lesson)</source>
        <translation>自由练习（空课程）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="212"/>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="213"/>
        <source>The lesson script has an error; the current lesson stays open.</source>
        <translation>课程脚本有错误；当前课程保持打开。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="224"/>
        <source>Free play</source>
        <translation>自由练习</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="240"/>
        <source>Cannot write the lesson to %1: %2</source>
        <translation>无法把课程写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="254"/>
        <source>Open a lesson script</source>
        <translation>打开课程脚本</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="255"/>
        <source>Lesson scripts (*.tcp);;All files (*)</source>
        <translation>课程脚本 (*.tcp);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="262"/>
        <source>Save the lesson script</source>
        <translation>保存课程脚本</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="263"/>
        <source>Lesson scripts (*.tcp)</source>
        <translation>课程脚本 (*.tcp)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="270"/>
        <source>Cannot save the lesson</source>
        <translation>无法保存课程</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="272"/>
        <location filename="../../app/mainwindow.cpp" line="285"/>
        <location filename="../../app/mainwindow.cpp" line="308"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="277"/>
        <source>Save the transition log</source>
        <translation>保存状态转换日志</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="278"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="283"/>
        <source>Cannot save the log</source>
        <translation>无法保存日志</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="300"/>
        <source>Export packets for Wireshark</source>
        <translation>导出报文供 Wireshark 使用</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="301"/>
        <source>Packet captures (*.pcap)</source>
        <translation>抓包文件 (*.pcap)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="306"/>
        <source>Cannot export the packets</source>
        <translation>无法导出报文</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="315"/>
        <source>The lesson is over: nothing is in flight and no timer is pending.</source>
        <translation>课程结束：没有正在传输的报文段，也没有待触发的定时器。</translation>
    </message>
    <message>
        <location filename="../../app/explanationbanner.cpp" line="63"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../app/explanationbanner.cpp" line="83"/>
        <source>Press Space or → to take the first step.</source>
        <translation>按空格或 → 开始第一步。</translation>
    </message>
    <message>
        <location filename="../../app/explanationbanner.cpp" line="85"/>
        <source>Free play: use the buttons of the client and the server below; every action becomes a line of the lesson (File → Save lesson).</source>
        <translation>自由练习：使用下方客户端和服务器的按钮；每个操作都会成为课程中的一行（文件 → 保存课程）。</translation>
    </message>
    <message>
        <location filename="../../app/explanationbanner.cpp" line="101"/>
        <source>Nothing changed state in this step.</source>
        <translation>这一步没有状态变化。</translation>
    </message>
    <message>
        <location filename="../../app/explanationbanner.cpp" line="115"/>
        <source>Expectation failed: %1</source>
        <translation>预期不符：%1</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="408"/>
        <location filename="../../app/mainwindowui.cpp" line="410"/>
        <source>Live pair</source>
        <translation>真实套接字对</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowui.cpp" line="411"/>
        <source>Do every step again on a real QTcpServer/QTcpSocket pair on loopback, and show Qt&apos;s and the kernel&apos;s states in the log (L)</source>
        <translation>在回环接口上用一对真实的 QTcpServer/QTcpSocket 重做每一步，并在日志中显示 Qt 和内核的状态（L）</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="576"/>
        <source>The live pair did not settle in time; its rows may be incomplete.</source>
        <translation>真实套接字对未能及时稳定下来，它的日志行可能不完整。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="617"/>
        <source>Could not reopen the last lesson: %1</source>
        <translation>无法重新打开上次的课程：%1</translation>
    </message>
    <message>
        <location filename="../../app/mainwindow.cpp" line="657"/>
        <source>Live pair off: the steps are no longer done on real sockets.</source>
        <translation>真实套接字对已关闭：各步骤不再在真实套接字上执行。</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowpalette.cpp" line="21"/>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowpalette.cpp" line="22"/>
        <source>Black on white with darker client and server colours, for a projector that washes colours out</source>
        <translation>白底黑字，客户端和服务器用更深的颜色，适合颜色发淡的投影仪</translation>
    </message>
    <message>
        <location filename="../../app/mainwindowsockets.cpp" line="103"/>
        <source>The state diagram shows %1 (fd %2)</source>
        <translation>状态图显示的是 %1（描述符 %2）</translation>
    </message>
</context>
<context>
    <name>NumberFormatter</name>
    <message>
        <location filename="../../core/session/src/numberformat.cpp" line="84"/>
        <source>Absolute numbers</source>
        <translation>绝对序号</translation>
    </message>
    <message>
        <location filename="../../core/session/src/numberformat.cpp" line="86"/>
        <source>Relative numbers (like Wireshark)</source>
        <translation>相对序号（同 Wireshark）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/numberformat.cpp" line="88"/>
        <source>Symbolic numbers (j, k)</source>
        <translation>符号序号（j、k）</translation>
    </message>
</context>
<context>
    <name>ProfileComparison</name>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="162"/>
        <source>Linux</source>
        <translation>Linux</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="162"/>
        <source>RFC 9293</source>
        <translation>RFC 9293</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="168"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="170"/>
        <source>Client %1</source>
        <translation>客户端 %1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="171"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="271"/>
        <source>The SYNs already differ: the textbook&apos;s carries %1, Linux&apos;s %2 (tcp_syn_options).</source>
        <translation>两边的 SYN 就已经不同：教科书的 SYN 带有 %1，Linux 的带有 %2（tcp_syn_options）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="275"/>
        <source>From then on every Linux segment carries timestamps (a 32-byte header instead of 20 bytes) and its window counts in units of 2^%1 = %2 bytes.</source>
        <translation>从此以后，Linux 的每个报文段都带时间戳（首部为 32 字节而不是 20 字节），窗口以 2^%1 = %2 字节为单位计数。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="346"/>
        <source>%1 aborts: the textbook sends a bare RST (&lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt;, no ACK); Linux sends RST,ACK with ACK = RCV.NXT (tcp_send_active_reset).</source>
        <translation>%1中止连接：教科书发送单独的 RST（&lt;SEQ=SND.NXT&gt;&lt;CTL=RST&gt;，不带 ACK）；Linux 发送 ACK = RCV.NXT 的 RST,ACK（tcp_send_active_reset）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="354"/>
        <location filename="../../core/session/src/profilecomparison.cpp" line="427"/>
        <source>Here Linux parts from the textbook. %1</source>
        <translation>Linux 在这里与教科书出现分歧。%1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="374"/>
        <source>%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK timer, tcp_fin) and the application&apos;s close() comes in time, so its own FIN carries the ACK: FIN, FIN+ACK, ACK, three segments instead of four.</source>
        <translation>%1收到 FIN：教科书立即确认它；Linux 推迟这个 ACK（40 毫秒的延迟 ACK 定时器，tcp_fin），而应用程序的 close() 及时到来，于是它自己的 FIN 顺带了这个 ACK：FIN、FIN+ACK、ACK，三个报文段而不是四个。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="379"/>
        <source>%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK timer, tcp_fin) and the data the application sends in time carries the ACK.</source>
        <translation>%1收到 FIN：教科书立即确认它；Linux 推迟这个 ACK（40 毫秒的延迟 ACK 定时器，tcp_fin），由应用程序及时发送的数据顺带这个 ACK。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="383"/>
        <source>%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK timer, tcp_fin) and it goes out alone when the timer fires.</source>
        <translation>%1收到 FIN：教科书立即确认它；Linux 推迟这个 ACK（40 毫秒的延迟 ACK 定时器，tcp_fin），等定时器触发时它才单独发出。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="386"/>
        <source>%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK timer, tcp_fin), and the lesson ends before it goes out.</source>
        <translation>%1收到 FIN：教科书立即确认它；Linux 推迟这个 ACK（40 毫秒的延迟 ACK 定时器，tcp_fin），课程在它发出之前就结束了。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="391"/>
        <source>nothing more</source>
        <translation>无（不再发送）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="392"/>
        <source>The segments part here: the textbook sends %1, Linux sends %2.</source>
        <translation>报文段在这里出现分歧：教科书发送：%1；Linux 发送：%2。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="502"/>
        <source>%1 receives the FIN: the textbook ACKs it at once; under Linux the same ACK comes from the delayed-ACK timer (40 ms, tcp_fin), because the application sent nothing before it fired.</source>
        <translation>%1收到 FIN：教科书立即确认它；在 Linux 下，同一个 ACK 由延迟 ACK 定时器（40 毫秒，tcp_fin）发出，因为在定时器触发之前应用程序没有发送任何东西。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="511"/>
        <source>%1 leaves TIME-WAIT after %2 s in the textbook (2 × MSL) and after %3 s under Linux (TCP_TIMEWAIT_LEN, fixed; no MSL setting).</source>
        <translation>按教科书，%1在 %2 秒后离开 TIME-WAIT（2 × MSL）；在 Linux 下则是 %3 秒后（TCP_TIMEWAIT_LEN，固定值；没有 MSL 设置）。</translation>
    </message>
    <message>
        <location filename="../../core/session/src/profilecomparison.cpp" line="518"/>
        <source>%1 retransmits after %2 ms in the textbook and after %3 ms under Linux: once the handshake has measured loopback&apos;s round trip (~0), Linux&apos;s RTO is its minimum, 200 ms (TCP_RTO_MIN).</source>
        <translation>按教科书，%1在 %2 毫秒后重传；在 Linux 下则是 %3 毫秒后：握手测得回环接口的往返时间（约为 0）之后，Linux 的 RTO 就取其最小值 200 毫秒（TCP_RTO_MIN）。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="30"/>
        <source>Space, →, Page Down</source>
        <translation>空格、→、Page Down</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="30"/>
        <source>Step: run the next step</source>
        <translation>下一步：执行下一步</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="31"/>
        <source>←, Backspace, Page Up</source>
        <translation>←、Backspace、Page Up</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="31"/>
        <source>Back: the previous step, exactly</source>
        <translation>上一步：精确回到前一步</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="32"/>
        <source>Home</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="32"/>
        <source>Reset to the start of the lesson</source>
        <translation>重置到课程开头</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="33"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="33"/>
        <source>Play / Pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="34"/>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="34"/>
        <source>Live pair on / off</source>
        <translation>打开 / 关闭真实连接</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="35"/>
        <source>Click an arrow</source>
        <translation>单击箭头</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="35"/>
        <source>Inspect the segment&apos;s TCP header</source>
        <translation>查看报文段的 TCP 首部</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="36"/>
        <source>Shift+click an arrow in flight</source>
        <translation>Shift+单击传输中的箭头</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="36"/>
        <source>Lose that segment in the network (also: right-click)</source>
        <translation>让这个报文段在网络中丢失（也可以右键）</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="37"/>
        <source>F5 / Esc</source>
        <translation>F5 / Esc</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="37"/>
        <source>Presentation mode: only the ladder, the explanation and the state diagram / leave it</source>
        <translation>演示模式：只显示时序图、讲解和状态图 / 退出</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="38"/>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="38"/>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="39"/>
        <source>Ctrl + / Ctrl − / Ctrl 0</source>
        <translation>Ctrl + / Ctrl − / Ctrl 0</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="39"/>
        <source>Zoom in / out / actual size (in presentation mode: the ladder)</source>
        <translation>放大 / 缩小 / 实际大小（演示模式下：时序图）</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="40"/>
        <source>Ctrl 9</source>
        <translation>Ctrl 9</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="40"/>
        <source>Fit all: the whole ladder on screen, rows compressed / normal rows again</source>
        <translation>全部显示：整个时序图显示在屏幕上，行被压缩 / 恢复正常行高</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="41"/>
        <source>Ctrl T</source>
        <translation>Ctrl T</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="41"/>
        <source>Time scale: the ladder&apos;s rows placed by virtual time / by step again</source>
        <translation>时间刻度：时序图的行按虚拟时间排列 / 恢复按步骤排列</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="42"/>
        <source>Ctrl O / Ctrl S / Ctrl N</source>
        <translation>Ctrl O / Ctrl S / Ctrl N</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="42"/>
        <source>Open a lesson / save the lesson / new free session</source>
        <translation>打开课程 / 保存课程 / 新建自由练习</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="43"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="43"/>
        <source>This page</source>
        <translation>本页</translation>
    </message>
    <message>
        <location filename="../../app/shortcutsdialog.cpp" line="49"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>SidePane</name>
    <message>
        <location filename="../../app/sidepane.cpp" line="187"/>
        <source>Client application</source>
        <translation>客户端应用程序</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="187"/>
        <source>Server application</source>
        <translation>服务器应用程序</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="192"/>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="193"/>
        <source>listen(): open passively and wait for a SYN</source>
        <translation>listen()：被动打开，等待 SYN</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="194"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="195"/>
        <source>connect(): send a SYN to the peer</source>
        <translation>connect()：向对方发送 SYN</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="196"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="197"/>
        <source>close(): send a FIN when the data is sent</source>
        <translation>close()：数据发完后发送 FIN</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="198"/>
        <source>Abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="199"/>
        <source>abort(): send a RST and forget the connection</source>
        <translation>abort()：发送 RST 并丢弃连接</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="200"/>
        <source>Deliver →</source>
        <translation>送达 →</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="200"/>
        <source>← Deliver</source>
        <translation>← 送达</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="201"/>
        <source>The oldest segment in flight from the client reaches the server</source>
        <translation>客户端最早发出、仍在传输中的报文段到达服务器</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="202"/>
        <source>The oldest segment in flight from the server reaches the client</source>
        <translation>服务器最早发出、仍在传输中的报文段到达客户端</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="203"/>
        <source>Drop ✕</source>
        <translation>丢弃 ✕</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="204"/>
        <source>The network loses the oldest segment in flight from this side</source>
        <translation>网络丢失这一方最早发出、仍在传输中的报文段</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="205"/>
        <source>Timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="206"/>
        <source>Fire this side&apos;s next timer (retransmission or TIME-WAIT)</source>
        <translation>触发这一方的下一个定时器（重传或 TIME-WAIT）</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="207"/>
        <source>Message to the server (Enter)</source>
        <translation>发给服务器的消息（回车）</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="208"/>
        <source>Reply to the client (Enter)</source>
        <translation>给客户端的回复（回车）</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="209"/>
        <source>client send: the client application writes this message</source>
        <translation>client send：客户端应用程序写出这条消息</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="210"/>
        <source>server send: the server application writes this reply</source>
        <translation>server send：服务器应用程序写出这条回复</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="211"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="212"/>
        <source>recv() got:</source>
        <translation>recv() 收到：</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="213"/>
        <source>What each recv() call returned, separated by │. TCP is a byte stream: it keeps the bytes in order but not the boundaries between send() calls, so one recv() may return two messages, or part of one.</source>
        <translation>每次 recv() 调用返回的内容，用 │ 分隔。TCP 是字节流：它保证字节的顺序，但不保留 send() 调用之间的边界，所以一次 recv() 可能返回两条消息，也可能只返回一条消息的一部分。</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="217"/>
        <source>Auto-reply</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="218"/>
        <source>Like the echo server of the notes: answer each message with &quot;Hello, &lt;message&gt;&quot;</source>
        <translation>像笔记中的回声服务器一样：对每条消息回复“Hello, &lt;消息&gt;”</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="232"/>
        <source>waiting in the accept queue</source>
        <translation>在 accept 队列中等待</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="234"/>
        <source>connect() is blocked</source>
        <translation>connect() 正在阻塞</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="236"/>
        <source>recv() returned 0</source>
        <translation>recv() 已返回 0</translation>
    </message>
    <message>
        <location filename="../../app/sidepane.cpp" line="282"/>
        <source>(nothing yet)</source>
        <translation>（还没有）</translation>
    </message>
</context>
<context>
    <name>SocketsCanvas</name>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="36"/>
        <source>SYN dropped: accept queue full</source>
        <translation>SYN 被丢弃：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="37"/>
        <source>final ACK ignored: accept queue full</source>
        <translation>最后的 ACK 被忽略：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="38"/>
        <source>final ACK answered with RST: accept queue full</source>
        <translation>用 RST 回应最后的 ACK：accept 队列已满</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="39"/>
        <source>SYN dropped: SYN queue full</source>
        <translation>SYN 被丢弃：SYN 队列已满</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="40"/>
        <source>SYN cookie sent: SYN queue full, no entry kept</source>
        <translation>已发送 SYN cookie：SYN 队列已满，不保留队列项</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="167"/>
        <source>No listening socket yet: the server&apos;s listen() makes one.</source>
        <translation>还没有监听套接字：服务器的 listen() 会创建一个。</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="172"/>
        <source>fd %1 listens on port %2 · backlog %3 · somaxconn %4</source>
        <translation>描述符 %1 在端口 %2 上监听 · backlog %3 · somaxconn %4</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="177"/>
        <source>listen(fd, backlog) caps the backlog at net.core.somaxconn; the listening socket stays in LISTEN while connected sockets come and go.</source>
        <translation>listen(fd, backlog) 把 backlog 限制在 net.core.somaxconn 以内；已连接套接字来来去去，监听套接字始终处于 LISTEN。</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="180"/>
        <source>accept() is blocked: it returns when a handshake completes</source>
        <translation>accept() 正在阻塞：等到一次握手完成才返回</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="206"/>
        <source>%1&apos;s connection, %2 (click: its state in the state diagram)</source>
        <translation>%1 的连接，%2（单击：在状态图中查看它的状态）</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="215"/>
        <source>+ %1 free</source>
        <translation>+ %1 个空位</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="233"/>
        <source>%1: %2 bytes received, unread until the server accepts it and calls recv()</source>
        <translation>%1：已收到 %2 字节，在服务器 accept() 这个连接并调用 recv() 之前不会被读取</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="246"/>
        <source>SYN queue (SYN-RECEIVED): %1, full at %2</source>
        <translation>SYN 队列（SYN-RECEIVED）：%1 个，达到 %2 个即满</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="249"/>
        <source>Half-open connections: a SYN made each, its final ACK moves it on. Linux counts the queue full at the backlog; then a SYN cookie answers instead.</source>
        <translation>半打开的连接：每个都由一个 SYN 创建，收到最后的 ACK 后移出这个队列。Linux 在队列长度达到 backlog 时就认为它已满；此后改用 SYN cookie 回应。</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="252"/>
        <source>Accept queue (ESTABLISHED): %1 of %2, backlog %3 holds %2</source>
        <translation>accept 队列（ESTABLISHED）：%1 / %2，backlog %3 可容纳 %2 个</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="256"/>
        <source>Connections whose handshake the kernel completed, waiting for accept(). Linux counts the queue full when its length exceeds the backlog, so backlog N holds N + 1.</source>
        <translation>内核已完成握手、正在等待 accept() 的连接。Linux 在队列长度超过 backlog 时才认为它已满，所以 backlog 为 N 时可容纳 N + 1 个连接。</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="260"/>
        <source>ListenOverflows %1 · ListenDrops %2 · SyncookiesSent %3</source>
        <translation>ListenOverflows %1 · ListenDrops %2 · SyncookiesSent %3</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="264"/>
        <source>Linux&apos;s counters (/proc/net/netstat TcpExt): ListenOverflows counts segments refused because the accept queue was full, ListenDrops every SYN or ACK a listener dropped.</source>
        <translation>Linux 的计数器（/proc/net/netstat 中的 TcpExt）：ListenOverflows 统计因 accept 队列已满而被拒绝的报文段，ListenDrops 统计监听套接字丢弃的每一个 SYN 或 ACK。</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="282"/>
        <source>stdin</source>
        <translation>stdin</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="282"/>
        <source>stdout</source>
        <translation>stdout</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="282"/>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="284"/>
        <source>listener</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="286"/>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="292"/>
        <source>%1 B unread</source>
        <translation>%1 字节未读</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="312"/>
        <source>server process</source>
        <translation>服务器进程</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="312"/>
        <source>%1 process</source>
        <translation>%1 进程</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="327"/>
        <source>fd %1: local port %2, %3 (click: its state in the state diagram)</source>
        <translation>描述符 %1：本地端口 %2，%3（单击：在状态图中查看它的状态）</translation>
    </message>
    <message>
        <location filename="../../app/socketscanvas.cpp" line="331"/>
        <source>fd %1: port %2 to %3 port %4, %5 (click: its state in the state diagram)</source>
        <translation>描述符 %1：端口 %2 连到 %3 的端口 %4，%5（单击：在状态图中查看它的状态）</translation>
    </message>
</context>
<context>
    <name>SocketsView</name>
    <message>
        <location filename="../../app/socketsview.cpp" line="154"/>
        <source>%1 calls connect() to the server (adds “%2” to the lesson)</source>
        <translation>%1 调用 connect() 连接服务器（在课程中添加“%2”）</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="157"/>
        <source>All nine clients have connected.</source>
        <translation>九个客户端都已连接。</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="160"/>
        <source>%1 aborts its connection: a RST, and its descriptor is released (adds “%2”; the selected client, else the newest)</source>
        <translation>%1 中止它的连接：发出 RST，并释放它的描述符（添加“%2”；作用于选中的客户端，未选中时作用于最新的客户端）</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="164"/>
        <source>No client holds a socket.</source>
        <translation>没有客户端持有套接字。</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="191"/>
        <source>Add client</source>
        <translation>添加客户端</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="192"/>
        <source>Remove client</source>
        <translation>移除客户端</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="193"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="194"/>
        <source>The server calls accept() once: it takes the oldest connection off the accept queue, or blocks while the queue is empty (adds “server accept”). A lesson with an accept no longer accepts by itself.</source>
        <translation>服务器调用一次 accept()：从 accept 队列中取出最早的连接，队列为空时则阻塞（添加“server accept”）。含有 accept 的课程不再自动接受连接。</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="197"/>
        <source>Backlog:</source>
        <translation>Backlog：</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="198"/>
        <source>listen()&apos;s backlog for the server&apos;s next listen() (Server pane → Listen). Linux caps it at somaxconn; the accept queue holds backlog + 1.</source>
        <translation>服务器下一次 listen()（服务器面板 → 监听）使用的 backlog。Linux 把它限制在 somaxconn 以内；accept 队列可容纳 backlog + 1 个连接。</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="200"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="201"/>
        <source>None — steps by hand</source>
        <translation>无 — 手动逐步操作</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="202"/>
        <source>Blocking, one client at a time</source>
        <translation>阻塞式，一次一个客户端</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="203"/>
        <source>Thread per client</source>
        <translation>每个客户端一个线程</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="204"/>
        <source>Event loop (epoll)</source>
        <translation>事件循环（epoll）</translation>
    </message>
    <message>
        <location filename="../../app/socketsview.cpp" line="205"/>
        <source>The notes&apos; three servers run on the listener by themselves (adds “server run …”); a program, once running, stays.</source>
        <translation>笔记中的三种服务器会在监听套接字上自行运行（添加“server run …”）；程序一旦运行，就不能再更换。</translation>
    </message>
</context>
<context>
    <name>StateDiagram</name>
    <message>
        <location filename="../../app/statediagram.cpp" line="16"/>
        <source>TCP state diagram</source>
        <translation>TCP 状态图</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="111"/>
        <source>passive OPEN</source>
        <translation>被动 OPEN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="111"/>
        <source>create TCB</source>
        <translation>创建 TCB</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="112"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="121"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="122"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="127"/>
        <source>CLOSE</source>
        <translation>CLOSE</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="112"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="114"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="131"/>
        <source>delete TCB</source>
        <translation>删除 TCB</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="113"/>
        <source>active OPEN</source>
        <translation>主动 OPEN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="113"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="117"/>
        <source>snd SYN</source>
        <translation>发 SYN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="114"/>
        <source>CLOSE, rcv RST</source>
        <translation>CLOSE，收 RST</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="115"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="118"/>
        <source>rcv SYN</source>
        <translation>收 SYN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="115"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="118"/>
        <source>snd SYN,ACK</source>
        <translation>发 SYN,ACK</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="116"/>
        <source>rcv RST</source>
        <translation>收 RST</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="117"/>
        <source>SEND</source>
        <translation>SEND</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="119"/>
        <source>rcv ACK of SYN</source>
        <translation>收到 SYN 的 ACK</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="120"/>
        <source>rcv SYN,ACK</source>
        <translation>收 SYN,ACK</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="120"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="123"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="125"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="126"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="128"/>
        <source>snd ACK</source>
        <translation>发 ACK</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="121"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="122"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="127"/>
        <source>snd FIN</source>
        <translation>发 FIN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="123"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="125"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="128"/>
        <source>rcv FIN</source>
        <translation>收 FIN</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="124"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="129"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="130"/>
        <source>rcv ACK of FIN</source>
        <translation>收到 FIN 的 ACK</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="126"/>
        <source>rcv FIN+ACK of FIN</source>
        <translation>收到 FIN+ACK（确认了 FIN）</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="131"/>
        <source>timeout 2MSL</source>
        <translation>超时 2MSL</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="227"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="276"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="227"/>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="277"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="234"/>
        <source>retransmission timer: retries exhausted</source>
        <translation>重传计时器：重传次数用尽</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="237"/>
        <source>rcv FIN / ACK delayed: Linux</source>
        <translation>收到 FIN / ACK 延迟：Linux</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="239"/>
        <source>rcv SYN,ACK / snd ACK: Linux</source>
        <translation>收到 SYN,ACK / 发送 ACK：Linux</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="278"/>
        <source>not in Figure 5</source>
        <translation>图 5 中没有</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="226"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../core/render/src/statediagrampainter.cpp" line="231"/>
        <source>(an edge Figure 5 does not draw)</source>
        <translation>（图 5 没有画出这条边）</translation>
    </message>
</context>
<context>
    <name>TransitionLogModel</name>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="19"/>
        <source>rcv %1</source>
        <translation>收 %1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="20"/>
        <source>segment</source>
        <translation>报文段</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="23"/>
        <source>2MSL timer</source>
        <translation>2MSL 定时器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="24"/>
        <source>persist timer</source>
        <translation>坚持计时器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="25"/>
        <source>delayed-ACK timer</source>
        <translation>延迟 ACK 定时器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="26"/>
        <source>retransmission timer</source>
        <translation>重传定时器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="57"/>
        <source>outside</source>
        <translation>课程之外</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="63"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="107"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="111"/>
        <source>Endpoint</source>
        <translation>端点</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="113"/>
        <source>From → To</source>
        <translation>从 → 到</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="115"/>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="117"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="319"/>
        <source>Cannot write the log to %1: %2</source>
        <translation>无法把日志写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="353"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="353"/>
        <source>client%1</source>
        <translation>client%1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="355"/>
        <source>server.client%1</source>
        <translation>server.client%1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="356"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="65"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="80"/>
        <source>⚠ Differs from the model: %1</source>
        <translation>⚠ 与模型不同：%1</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="204"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="206"/>
        <source>kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="208"/>
        <source>live</source>
        <translation>真实</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="109"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location filename="../../core/session/src/transitionlog.cpp" line="101"/>
        <source>Time in milliseconds: the model&apos;s virtual clock for model rows, since the live pair started for Qt and kernel rows</source>
        <translation>时间（毫秒）：模型行是模型的虚拟时钟，Qt 行和内核行是自真实套接字对启动以来的时间</translation>
    </message>
</context>
<context>
    <name>tcpsim::live::KernelObserver</name>
    <message>
        <location filename="../../core/live/src/kernelobserver.cpp" line="29"/>
        <source>not available on this system</source>
        <translation>本系统不支持</translation>
    </message>
</context>
<context>
    <name>tcpsim::live::LiveServer</name>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="54"/>
        <source>refusing to listen on %1: only loopback unless explicitly allowed</source>
        <translation>拒绝监听 %1：除非明确允许，否则只监听回环地址</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="59"/>
        <source>WARNING: listening on %1, reachable from other machines; the echo server answers anyone who connects</source>
        <translation>警告：正在监听 %1，其他机器也能访问；回显服务器会应答任何连上来的人</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="72"/>
        <location filename="../../core/live/src/liveserver.cpp" line="78"/>
        <source>cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="81"/>
        <source>port %1 is taken (%2): listening on %3 instead</source>
        <translation>端口 %1 已被占用（%2）：改为监听 %3</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="85"/>
        <location filename="../../core/live/src/liveserver.cpp" line="101"/>
        <source>listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/liveserver.cpp" line="98"/>
        <source>cannot serve on descriptor %1: %2</source>
        <translation>无法在描述符 %1 上提供服务：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/liveserver.cpp" line="261"/>
        <source>%n connection(s) open, the most this server takes: new connections wait in the kernel&apos;s accept queue until one closes</source>
        <translation>
            <numerusform>已打开 %n 个连接，这是服务器的上限：新连接在内核的 accept 队列中等待，直到有连接关闭</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tcpsim::live::LiveSession</name>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="76"/>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="76"/>
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="131"/>
        <source> (observed)</source>
        <translation>（观测到）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="131"/>
        <source> (inferred)</source>
        <translation>（推断）</translation>
    </message>
    <message>
        <source>simulation only: the live pair has one client, the lesson&apos;s `client`; %1 is the model&apos;s alone</source>
        <translation type="vanished">仅模拟：真实套接字对只有一个客户端，即课程中的 `client`；%1 只存在于模型中</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="305"/>
        <source>not mirrored: the live pair&apos;s client does not listen</source>
        <translation>不在真实套接字对上重现：真实客户端不调用 listen()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="311"/>
        <source>not mirrored: the live pair&apos;s server does not connect (simultaneous open is simulation only)</source>
        <translation>不在真实套接字对上重现：真实服务器不调用 connect()（同时打开只在模拟中演示）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="318"/>
        <source>not mirrored: the live pair&apos;s client does not accept</source>
        <translation>不在真实套接字对上重现：真实客户端不调用 accept()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="333"/>
        <source>simulation only: Linux chooses its own ISN (a keyed hash of the 4-tuple plus a clock)</source>
        <translation>仅模拟：Linux 自己选择 ISN（对四元组做带密钥的哈希，再加上时钟）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="337"/>
        <source>simulation only: loopback delivered every segment at once</source>
        <translation>仅模拟：回环接口立即递交了每一个报文段</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="340"/>
        <source>simulation only: loopback loses nothing, the kernel went on as if delivered</source>
        <translation>仅模拟：回环接口不会丢包，内核照常继续，就像报文段已经送达</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="343"/>
        <source>simulation only: the kernel&apos;s timers keep their own time (on loopback nothing is lost; TIME-WAIT ends after 60 s)</source>
        <translation>仅模拟：内核的定时器按自己的时间运行（回环上不会丢失任何东西；TIME-WAIT 在 60 秒后结束）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="347"/>
        <source>simulation only: a crafted segment is not sent on the live pair</source>
        <translation>仅模拟：构造的报文段不会在真实套接字对上发送</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="350"/>
        <source>simulation only: loopback has already settled</source>
        <translation>仅模拟：回环上的交互早已完成</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="359"/>
        <source>simulation only: the live pair&apos;s client socket is made by Qt at its connect()</source>
        <translation>仅模拟：真实客户端的套接字由 Qt 在 connect() 时创建</translation>
    </message>
    <message>
        <source>simulation only: the live pair&apos;s sockets are made by Qt</source>
        <translation type="vanished">仅模拟：真实连接的套接字由 Qt 创建</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="389"/>
        <source>simulation only: a check of the model</source>
        <translation>仅模拟：这是对模型的检查</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="421"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="425"/>
        <source>simulation only: %1 is the whole machine&apos;s setting (here %2) and needs root to change; the live pair keeps it, the model uses %3</source>
        <translation>仅模拟：%1 是整台机器的设置（本机为 %2），修改它需要 root 权限；真实连接保持本机的值，模型使用 %3</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="434"/>
        <source>simulation only: TCP_SYNCNT, the per-socket tcp_syn_retries, takes 1 to 127, not %1; the live client keeps the machine&apos;s %2</source>
        <translation>仅模拟：TCP_SYNCNT（每个套接字的 tcp_syn_retries）只能取 1 到 127，不能取 %1；真实客户端保持本机的 %2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="445"/>
        <source>tcp_syn_retries %1 on the live pair: the client&apos;s own TCP_SYNCNT %1 at its next connect() (the machine&apos;s tcp_syn_retries, %2, is left alone)</source>
        <translation>真实连接上的 tcp_syn_retries %1：客户端在下一次 connect() 时使用自己的 TCP_SYNCNT %1（本机的 tcp_syn_retries 仍为 %2，不作改动）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="738"/>
        <source>socket() failed: %1</source>
        <translation>socket() 失败：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="741"/>
        <source>socket(): descriptor %1, with no options set (QTcpServer::listen() would set SO_REUSEADDR; this lesson&apos;s server sets its own)</source>
        <translation>socket()：描述符 %1，未设置任何选项（QTcpServer::listen() 会设置 SO_REUSEADDR；这个课程的服务器自己设置选项）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="749"/>
        <source>setsockopt(): not called: the live server has no socket of its own (the lesson has no `server socket` step before it)</source>
        <translation>setsockopt()：未调用：真实服务器没有自己的套接字（课程在此之前没有 `server socket` 步骤）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="755"/>
        <source>setsockopt(SO_REUSEADDR) on descriptor %1 failed: %2</source>
        <translation>在描述符 %1 上 setsockopt(SO_REUSEADDR) 失败：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="757"/>
        <source>setsockopt(SO_REUSEADDR, 1) on descriptor %1</source>
        <translation>在描述符 %1 上 setsockopt(SO_REUSEADDR, 1)</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="763"/>
        <source>bind(): not called: the live server has no socket of its own (the lesson has no `server socket` step before it)</source>
        <translation>bind()：未调用：真实服务器没有自己的套接字（课程在此之前没有 `server socket` 步骤）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="792"/>
        <source>port %1 is taken by another program: binding to a free port instead</source>
        <translation>端口 %1 已被另一个程序占用：改为绑定到一个空闲端口</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="798"/>
        <source>bind(%1) failed: %2. A connection the last server left on port %3 still holds it: Linux keeps TIME-WAIT for 60 s of real time, whatever the lesson&apos;s timers did, and lets a new socket bind beside it only when both set SO_REUSEADDR</source>
        <translation>bind(%1) 失败：%2。上一个服务器在端口 %3 上留下的连接仍占着它：无论课程的定时器怎样，Linux 都让 TIME-WAIT 持续 60 秒真实时间，并且只有两个套接字都设置了 SO_REUSEADDR 时，才允许新套接字绑定在它旁边</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="803"/>
        <source>bind(%1) failed: %2</source>
        <translation>bind(%1) 失败：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="812"/>
        <source>bind(): descriptor %1 bound to %2</source>
        <translation>bind()：描述符 %1 绑定到 %2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="818"/>
        <source>already listening on %1</source>
        <translation>已经在监听 %1</translation>
    </message>
    <message>
        <source>listen(): the listening socket, descriptor %1; accept() waits for the lesson&apos;s accept step</source>
        <translation type="vanished">listen()：监听套接字，描述符 %1；accept() 要等到课程的 accept 步骤才调用</translation>
    </message>
    <message>
        <source>listen(): the listening socket, descriptor %1; connections are accepted at once</source>
        <translation type="vanished">listen()：监听套接字，描述符 %1；到达的连接会立即被 accept()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="835"/>
        <source>listen(): not called on the live pair: descriptor %1 is not bound (its bind() failed), so the live server does not listen</source>
        <translation>listen()：未在真实套接字对上调用：描述符 %1 没有绑定（它的 bind() 失败了），所以真实服务器不监听</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="842"/>
        <source>listen() on descriptor %1 failed: %2</source>
        <translation>在描述符 %1 上 listen() 失败：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="864"/>
        <source>listen(): the listening socket, descriptor %1, backlog %2; accept() waits for the lesson&apos;s accept step</source>
        <translation>listen()：监听套接字，描述符 %1，backlog %2；accept() 要等到课程的 accept 步骤才调用</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="867"/>
        <source>listen(): the listening socket, descriptor %1, backlog %2; connections are accepted at once</source>
        <translation>listen()：监听套接字，描述符 %1，backlog %2；到达的连接会立即被 accept()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="878"/>
        <source>connect(): the live client already has a connection</source>
        <translation>connect()：真实客户端已经有一个连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="891"/>
        <source>the live server is not listening: connecting to %1, where nobody listens</source>
        <translation>真实服务器没有在监听：连接到 %1，那里没有人监听</translation>
    </message>
    <message>
        <source>the kernel refused TCP_SYNCNT %1 on the live client</source>
        <translation type="vanished">内核拒绝了真实客户端上的 TCP_SYNCNT %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="559"/>
        <location filename="../../core/live/src/livesession.cpp" line="907"/>
        <source>connect() returned: descriptor %1</source>
        <translation>connect() 已返回：描述符 %1</translation>
    </message>
    <message>
        <source>simulation only: the server program (%1) runs in the model; the live server does the lesson&apos;s own calls only, so its connections wait for the lesson&apos;s steps</source>
        <translation type="vanished">仅模拟：服务器程序（%1）只在模型中运行；真实服务器只执行课程自己的调用，所以它的连接等待课程的步骤</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1130"/>
        <source>%1 close() before the connection was established: the socket is deleted</source>
        <translation>%1 在连接建立之前 close()：套接字被删除</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="523"/>
        <source>%1: the live %2 has nothing open</source>
        <translation>%1：真实的 %2 没有打开的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="524"/>
        <source>%1: the live server has no connection with %2 (not accepted yet, or gone)</source>
        <translation>%1：真实服务器与 %2 没有连接（尚未接受，或已经消失）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="531"/>
        <source>connect(): the live %1 already has a connection</source>
        <translation>connect()：真实的 %1 已经有一个连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="535"/>
        <source>simulation only: the live server is not listening, and %1&apos;s refused connect() is the model&apos;s alone</source>
        <translation>仅模拟：真实服务器没有在监听，%1 被拒绝的 connect() 只存在于模型中</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="601"/>
        <source>%1 received %n byte(s): &quot;%2&quot;</source>
        <translation>
            <numerusform>%1 收到 %n 个字节：“%2”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="910"/>
        <location filename="../../core/live/src/livesession.cpp" line="1041"/>
        <source>Qt closed its socket; the lesson still holds the connection</source>
        <translation>Qt 关闭了它的套接字；课程仍保持着这个连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="911"/>
        <source>Qt closed the socket</source>
        <translation>Qt 关闭了套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="922"/>
        <source>the client socket reported an error: %1</source>
        <translation>客户端套接字报告错误：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="600"/>
        <source>client received %n byte(s): &quot;%1&quot;</source>
        <translation>
            <numerusform>客户端收到 %n 个字节：“%1”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="372"/>
        <source>the live server program (%1) already runs</source>
        <translation>实时服务器程序（%1）已在运行</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="377"/>
        <source>the server program (%1) starts on the live server at its listen()</source>
        <translation>服务器程序（%1）将在实时服务器的 listen() 时启动</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="579"/>
        <source>the kernel refused TCP_SYNCNT %1 on the live %2</source>
        <translation>内核拒绝在实时 %2 上设置 TCP_SYNCNT %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="612"/>
        <source>simulation only: the server program (%1) runs in the model; the live server program needs Linux</source>
        <translation>仅限模拟：服务器程序（%1）在模型中运行；实时服务器程序需要 Linux</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="628"/>
        <source>the server program (%1) could not start on the live server: %2</source>
        <translation>服务器程序（%1）无法在实时服务器上启动：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="632"/>
        <source>one worker thread makes every call, a real blocking accept(), recv() and send(): one client at a time</source>
        <translation>一个工作线程完成所有调用，真实的阻塞式 accept()、recv() 和 send()：一次只服务一个客户端</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="634"/>
        <source>an accepting thread and a real thread per connection (at most %1)</source>
        <translation>一个 accept 线程，每个连接一个真实线程（最多 %1 个）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="635"/>
        <source>one thread: a real epoll_wait() over the listener and the connections, then accept() and recv()</source>
        <translation>一个线程：对监听套接字和各连接调用真实的 epoll_wait()，然后 accept() 和 recv()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="636"/>
        <source>the server program (%1) runs on the live server, descriptor %2: %3; each call is made at the step where the model makes it, so the kernel never runs ahead of the lesson</source>
        <translation>服务器程序（%1）在实时服务器上运行，描述符 %2：%3；每个调用都在模型进行该调用的那一步才执行，因此内核不会跑在课程前面</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="663"/>
        <source>%1(): not made by the live server program: %2 has no live connection</source>
        <translation>%1()：实时服务器程序未执行：%2 没有实时连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="681"/>
        <source>the connection from port %1</source>
        <translation>来自端口 %1 的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="696"/>
        <source>accept() returned %1, descriptor %2</source>
        <translation>accept() 返回 %1，描述符 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="699"/>
        <source>recv() on %1 returned %n byte(s): &quot;%2&quot;</source>
        <translation>
            <numerusform>%1 上的 recv() 返回 %n 字节：&quot;%2&quot;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="703"/>
        <source>recv() on %1 returned 0: its client closed its side</source>
        <translation>%1 上的 recv() 返回 0：客户端关闭了它那一端</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="706"/>
        <source>send() on %1 wrote %n byte(s): &quot;%2&quot;</source>
        <translation>
            <numerusform>%1 上的 send() 写入 %n 字节：&quot;%2&quot;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="710"/>
        <source>close() on %1: descriptor %2 released</source>
        <translation>%1 上的 close()：描述符 %2 已释放</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="713"/>
        <source>epoll_wait() returned: %1 ready</source>
        <translation>epoll_wait() 返回：%1 就绪</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="719"/>
        <source>server program, %1: %2</source>
        <translation>服务器程序，%1：%2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="936"/>
        <source>accept(): the live server program makes its own accept() calls, at the steps where the model&apos;s does</source>
        <translation>accept()：实时服务器程序自己调用 accept()，就在模型调用它的那些步骤</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="940"/>
        <source>accept(): the lesson&apos;s connection was already accepted</source>
        <translation>accept()：课程的连接之前已被接受</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="944"/>
        <source>accept(): the live server is not listening</source>
        <translation>accept()：真实服务器没有在监听</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="950"/>
        <location filename="../../core/live/src/livesession.cpp" line="966"/>
        <source>accept(): takes the established connection off the kernel&apos;s accept queue</source>
        <translation>accept()：从内核的 accept 队列中取出已建立的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="951"/>
        <location filename="../../core/live/src/livesession.cpp" line="964"/>
        <source>accept(): nothing in the accept queue yet; it returns when a connection arrives</source>
        <translation>accept()：accept 队列中还没有连接；有连接到达时它才返回</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="960"/>
        <source>accept(): not called: the live server holds as many connections as it takes</source>
        <translation>accept()：不调用：真实服务器持有的连接数已达到它的上限</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="968"/>
        <source>accept(): takes the oldest of the %n connections in the kernel&apos;s accept queue; the others wait there, established, for a later accept()</source>
        <translation>
            <numerusform>accept()：从内核 accept 队列中的 %n 个连接里取出最早的一个；其余连接已经建立，留在队列中等待以后的 accept()</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="979"/>
        <source>the lesson is over: the live server&apos;s listen() backlog is now %1 (it was %2), for a class connecting at once</source>
        <translation>课程结束：实时服务器的 listen() backlog 现在是 %1（原为 %2），以便全班同时连接</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="992"/>
        <source>the lesson is over: the live echo server now accepts the %n connection(s) waiting in its accept queue, and any that arrive</source>
        <translation>
            <numerusform>课程结束：真实的回声服务器现在接受在它的 accept 队列中等待的 %n 个连接，以及之后到达的任何连接</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1010"/>
        <source>accept() returned %1&apos;s connection: descriptor %2</source>
        <translation>accept() 返回了 %1 的连接：描述符 %2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1024"/>
        <source>accept() returned a connection from outside the lesson, the oldest in the accept queue: descriptor %1; the lesson&apos;s connection waits there for another accept()</source>
        <translation>accept() 返回了一个来自课程之外的连接（accept 队列中最早的那个）：描述符 %1；课程的连接仍在队列中等待下一次 accept()</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1027"/>
        <source>accept() returned a connection from outside the lesson: descriptor %1</source>
        <translation>accept() 返回了一个来自课程之外的连接：描述符 %1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1053"/>
        <source>the server&apos;s connected socket reported an error: %1</source>
        <translation>服务器的已连接套接字报告错误：%1</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1057"/>
        <source>accept() returned a new connected socket, descriptor %1 (the listening socket keeps descriptor %2)</source>
        <translation>accept() 返回了一个新的已连接套接字，描述符 %1（监听套接字仍是描述符 %2）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1075"/>
        <source>send(): the live %1 has no connection to send on</source>
        <translation>send()：真实%1没有可用于发送的连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1085"/>
        <source>send() on the live %1 failed: its sending side is closed</source>
        <translation>真实%1上的 send() 失败：它的发送方向已经关闭</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/livesession.cpp" line="1087"/>
        <source>%1 sent %n byte(s)</source>
        <translation>
            <numerusform>%1发送了 %n 个字节</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1093"/>
        <source>close(): the live server has no listening socket</source>
        <translation>close()：真实服务器没有监听套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1098"/>
        <source>close(): the listening socket on port %1 is closed</source>
        <translation>close()：端口 %1 上的监听套接字已关闭</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1118"/>
        <source>close(): the live %1 has nothing open</source>
        <translation>close()：真实%1没有打开的套接字</translation>
    </message>
    <message>
        <source>close() before the connection was established: the client socket is deleted</source>
        <translation type="vanished">连接建立之前调用 close()：客户端套接字被删除</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1134"/>
        <source>close(): the live %1 already closed its side</source>
        <translation>close()：真实%1已经关闭了自己这一端</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1137"/>
        <source>%1 close(): FIN sent with shutdown(SHUT_WR); it keeps reading until the peer&apos;s FIN</source>
        <translation>%1 close()：用 shutdown(SHUT_WR) 发出 FIN（半关闭）；它继续读取，直到对方的 FIN 到来</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1147"/>
        <source>abort(): the live %1 has nothing open</source>
        <translation>abort()：真实%1没有打开的套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1155"/>
        <source>%1 abort(): SO_LINGER {1, 0} then close: a RST</source>
        <translation>%1 abort()：先设置 SO_LINGER {1, 0} 再 close：发出 RST</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1191"/>
        <source>the kernel negotiated %1; the model&apos;s RFC 9293 segments carry only the MSS option and unscaled windows (the Linux profile plays the kernel&apos;s)</source>
        <translation>内核协商了 %1；模型的 RFC 9293 报文段只带 MSS 选项，窗口不缩放（Linux 配置会扮演内核的做法）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1195"/>
        <source>the kernel negotiated %1, as the model&apos;s Linux profile does</source>
        <translation>内核协商了 %1，与模型的 Linux 配置一致</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1199"/>
        <source>; this machine&apos;s tcp_rmem maximum gives window scale %1 where the profile assumes %2 (Debian 12&apos;s default): the raw window numbers differ, the bytes they stand for do not</source>
        <translation>；这台机器的 tcp_rmem 最大值给出窗口缩放 %1，而配置假定为 %2（Debian 12 的默认值）：窗口字段的原始数值不同，但它们代表的字节数相同</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1228"/>
        <source>SYN sent again (retransmission %1): the listener did not answer the last one, its queue is full</source>
        <translation>再次发送 SYN（第 %1 次重传）：监听套接字没有回应上一个，它的队列已满</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1256"/>
        <source>too brief to sample: the kernel&apos;s SYN-RECV is a request socket that the final ACK turned into this connection</source>
        <translation>持续太短，未能采样到：内核的 SYN-RECV 是一个请求套接字，最后一个 ACK 把它变成了这个连接</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1258"/>
        <location filename="../../core/live/src/livesession.cpp" line="1305"/>
        <location filename="../../core/live/src/livesession.cpp" line="1315"/>
        <source>too brief to sample: on the usual path between the states seen</source>
        <translation>持续太短，未能采样到：它位于观测到的两个状态之间的常规路径上</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1272"/>
        <source>the listening socket; accept queue %1 of backlog %2</source>
        <translation>监听套接字；accept 队列中有 %1 个连接（backlog 为 %2）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1276"/>
        <source>in the accept queue: the kernel completed the handshake before accept()</source>
        <translation>在 accept 队列中：内核在 accept() 之前就完成了握手</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1278"/>
        <source>TIME-WAIT: Linux keeps it 60 s; no descriptor, found by its 4-tuple</source>
        <translation>TIME-WAIT：Linux 保持 60 秒；没有描述符，靠四元组找到它</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1280"/>
        <source>no descriptor any more: the connection lives on in the kernel</source>
        <translation>已经没有描述符：连接仍留在内核中</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1323"/>
        <source>the kernel&apos;s entry is gone (last seen %1): no connection record, CLOSED</source>
        <translation>内核中的表项已消失（最后一次看到时为 %1）：没有连接记录，即 CLOSED</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1352"/>
        <source>The real listener dropped this client&apos;s SYN: on loopback the other clients&apos; handshakes had completed at once and filled its accept queue (ListenOverflows), so the kernel&apos;s client stays SYN-SENT and sends the SYN again, while in the model the queues still had room when its SYN arrived.</source>
        <translation>真实的监听套接字丢弃了这个客户端的 SYN：在回环接口上，其他客户端的握手立即完成，填满了它的 accept 队列（ListenOverflows），所以内核中的客户端停留在 SYN-SENT 并重发 SYN；而在模型中，它的 SYN 到达时队列还有空位。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1357"/>
        <source>The lesson lost a segment or fired a timer; loopback never loses one (not even a SYN), so the kernel&apos;s segment arrived at once, nothing was retransmitted, and the kernel went on as if everything had arrived.</source>
        <translation>课程丢弃了一个报文段或触发了定时器；回环接口从不丢包（SYN 也不会丢），所以内核的报文段立即送达，没有任何重传，内核照常继续，就像一切都已送达。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1361"/>
        <source>The kernel shows no connection where the model waits in TIME-WAIT: on loopback the closes did not cross, so in the kernel this side closed second (LAST-ACK, then CLOSED, no TIME-WAIT); or its TIME-WAIT, fixed at 60 s, has ended.</source>
        <translation>模型在 TIME-WAIT 中等待，而内核里没有这个连接：在回环接口上两次关闭并没有交错，所以在内核中这一方是后关闭的（LAST-ACK，然后 CLOSED，没有 TIME-WAIT）；或者它固定 60 秒的 TIME-WAIT 已经结束。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1365"/>
        <source>Linux keeps TIME-WAIT for a fixed 60 s (TCP_TIMEWAIT_LEN; it has no MSL setting); the lesson already fired the model&apos;s 2×MSL timer in virtual time. RFC 9293&apos;s MSL is 2 minutes, so its 2×MSL is 4 minutes.</source>
        <translation>Linux 固定保持 TIME-WAIT 60 秒（TCP_TIMEWAIT_LEN；它没有 MSL 设置）；课程已经在虚拟时间里触发了模型的 2×MSL 定时器。RFC 9293 的 MSL 是 2 分钟，所以它的 2×MSL 是 4 分钟。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1369"/>
        <source>Loopback delivers each segment at once: the kernel already made this connection from the client&apos;s SYN, while in the model the SYN has not reached the server yet, so the connection does not exist there yet.</source>
        <translation>回环接口立即送达每个报文段：内核已经根据客户端的 SYN 建立了这个连接，而在模型中 SYN 还没有到达服务器，所以那里还没有这个连接。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1373"/>
        <source>Linux keeps a half-open connection as a small request socket (ss: SYN-RECV) in the SYN queue; loopback delivered the final ACK at once, so the kernel already shows the connection ESTABLISHED (in the accept queue if accept() was not called).</source>
        <translation>Linux 把半打开的连接作为一个小的请求套接字（ss 显示为 SYN-RECV）放在 SYN 队列中；回环接口立即递交了最后一个 ACK，所以内核已经显示该连接为 ESTABLISHED（如果还没调用 accept()，它就在 accept 队列中）。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1383"/>
        <source>Loopback delivers each segment at once; the model waits for the segment to be delivered step by step, so the kernel is already further along.</source>
        <translation>回环接口会立即递交每一个报文段；模型则一步一步地等待报文段送达，所以内核已经走在前面了。</translation>
    </message>
    <message>
        <location filename="../../core/live/src/livesession.cpp" line="1386"/>
        <source>The kernel&apos;s state differs from the model&apos;s here.</source>
        <translation>这里内核的状态与模型不同。</translation>
    </message>
</context>
<context>
    <name>tcpsim::live::ServerPaneModel</name>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="123"/>
        <source>listening socket</source>
        <translation>监听套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="125"/>
        <source>connected socket</source>
        <translation>已连接套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="127"/>
        <source>in the accept queue</source>
        <translation>在 accept 队列中</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="131"/>
        <source>kernel only (no descriptor)</source>
        <translation>仅在内核中（无描述符）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../core/live/src/serverpanemodel.cpp" line="225"/>
        <source>%n more connection(s)</source>
        <translation>
            <numerusform>另有 %n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="237"/>
        <source>%1 (held by the lesson)</source>
        <translation>%1（被课程保持）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="254"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="294"/>
        <source>Socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="296"/>
        <source>Descriptor</source>
        <translation>描述符</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="298"/>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="300"/>
        <source>Remote</source>
        <translation>远端</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="302"/>
        <source>Kernel state</source>
        <translation>内核状态</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="304"/>
        <source>Bytes in</source>
        <translation>收到字节</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="306"/>
        <source>Bytes out</source>
        <translation>发出字节</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="308"/>
        <source>Accept queue</source>
        <translation>accept 队列</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="310"/>
        <source>Received (last bytes)</source>
        <translation>收到（最后的字节）</translation>
    </message>
    <message>
        <location filename="../../core/live/src/serverpanemodel.cpp" line="312"/>
        <source>Answered (last bytes)</source>
        <translation>回复（最后的字节）</translation>
    </message>
</context>
</TS>
