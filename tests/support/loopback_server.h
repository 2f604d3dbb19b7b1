#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace convscope::test {

// An HTTP/1.1 server on 127.0.0.1 for the download tests: nothing they fetch leaves the
// machine. It serves its files under a first path segment that says how:
//   /good/NAME      the file, 200, or 206 from a "Range: bytes=N-" header
//   /drop/NAME      the headers of the whole file, half its bytes, then the connection closes
//   /slow/NAME      100 bytes every 200 ms
//   /corrupt/NAME   the file with its last byte changed
//   /norange/NAME   the whole file with 200, whatever range was asked
// and 404 for anything else. Each request's path and range are kept for the tests to check.
class LoopbackServer
{
public:
    explicit LoopbackServer(std::map<std::string, std::string> files)
        : m_files(std::move(files))
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        int yes = 1;
        ::setsockopt(m_listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address);
        ::listen(m_listener, 16);
        socklen_t length = sizeof address;
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length);
        m_port = ntohs(address.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }

    ~LoopbackServer()
    {
        m_stop = true;
        m_acceptor.join();
        for (std::thread &t : m_handlers)
            t.join();
        ::close(m_listener);
    }

    // "http://127.0.0.1:PORT/MODE/"
    std::string url(const std::string &mode) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + "/" + mode + "/";
    }

    struct Request
    {
        std::string path;
        long long rangeFrom = -1; // -1: no range asked
    };
    std::vector<Request> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    void acceptLoop()
    {
        while (!m_stop) {
            pollfd waiting{m_listener, POLLIN, 0};
            if (::poll(&waiting, 1, 50) <= 0)
                continue;
            const int client = ::accept(m_listener, nullptr, nullptr);
            if (client >= 0)
                m_handlers.emplace_back([this, client] { handle(client); });
        }
    }

    static bool sendAll(int socket, const std::string &bytes)
    {
        size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += size_t(n);
        }
        return true;
    }

    void handle(int client)
    {
        std::string head;
        char buffer[4096];
        while (head.find("\r\n\r\n") == std::string::npos) {
            pollfd waiting{client, POLLIN, 0};
            if (m_stop || ::poll(&waiting, 1, 2000) <= 0)
                break;
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            head.append(buffer, size_t(n));
        }
        respond(client, head);
        ::close(client);
    }

    void respond(int client, const std::string &head)
    {
        const size_t pathStart = head.find(' ') + 1;
        const std::string path = head.substr(pathStart, head.find(' ', pathStart) - pathStart);
        long long from = -1;
        if (const size_t range = head.find("Range: bytes="); range != std::string::npos)
            from = std::stoll(head.substr(range + 13));
        {
            std::lock_guard lock(m_mutex);
            m_requests.push_back({path, from});
        }
        const size_t slash = path.find('/', 1);
        const std::string mode = slash == std::string::npos ? "" : path.substr(1, slash - 1);
        const auto file = slash == std::string::npos ? m_files.end()
                                                     : m_files.find(path.substr(slash + 1));
        const bool known = mode == "good" || mode == "drop" || mode == "slow" || mode == "corrupt"
                           || mode == "norange";
        if (!known || file == m_files.end()) {
            sendAll(client, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: "
                            "close\r\n\r\nnot found");
            return;
        }
        std::string body = file->second;
        if (mode == "corrupt" && !body.empty())
            body.back() = char(body.back() ^ 0x5a);
        const bool partial = from > 0 && mode != "norange" && from < (long long) body.size();
        const std::string status = partial ? "206 Partial Content" : "200 OK";
        std::string headers = "HTTP/1.1 " + status + "\r\nConnection: close\r\n";
        if (partial) {
            headers += "Content-Range: bytes " + std::to_string(from) + "-"
                       + std::to_string(body.size() - 1) + "/" + std::to_string(body.size())
                       + "\r\n";
            body = body.substr(size_t(from));
        }
        headers += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        if (!sendAll(client, headers))
            return;
        if (mode == "drop") {
            sendAll(client, body.substr(0, body.size() / 2));
            return;
        }
        if (mode == "slow") {
            for (size_t at = 0; at < body.size() && !m_stop; at += 100) {
                if (!sendAll(client, body.substr(at, 100)))
                    return;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            }
            return;
        }
        sendAll(client, body);
    }

    std::map<std::string, std::string> m_files;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_acceptor;
    std::vector<std::thread> m_handlers; // joined at the end; a test makes a few dozen
    mutable std::mutex m_mutex;
    std::vector<Request> m_requests;
};

} // namespace convscope::test
