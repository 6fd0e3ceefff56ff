// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes that only grow — what a connection received or sent, in order — and are cheap to copy.
// Copies share one buffer and each sees its own prefix of it, so a copy of the whole model
// (LessonController keeps one every 32 steps for Back) costs the same at step 100,000 as at
// step 10, instead of copying everything received so far: memory stays linear in the lesson.
// A copy that appends where another already went further starts a buffer of its own. The
// model is single-threaded: copies are not appended to from different threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace tcpsim {

class ByteHistory {
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // Valid until this history is next appended to.
    std::string_view view() const
    {
        return m_bytes ? std::string_view(*m_bytes).substr(0, m_size) : std::string_view();
    }
    std::string str() const { return std::string(view()); }
    std::string substr(std::size_t from, std::size_t count = std::string_view::npos) const
    {
        return std::string(view().substr(from, count));
    }

    void append(std::string_view data)
    {
        if (data.empty())
            return;
        if (!m_bytes)
            m_bytes = std::make_shared<std::string>();
        else if (m_bytes->size() != m_size) // another copy went on from here: ours is a prefix
            m_bytes = std::make_shared<std::string>(m_bytes->substr(0, m_size));
        m_bytes->append(data);
        m_size += data.size();
    }
    ByteHistory &operator+=(std::string_view data)
    {
        append(data);
        return *this;
    }
    void clear()
    {
        m_bytes.reset();
        m_size = 0;
    }

    friend bool operator==(const ByteHistory &history, std::string_view bytes) { return history.view() == bytes; }

private:
    std::shared_ptr<std::string> m_bytes;
    std::size_t m_size = 0;
};

} // namespace tcpsim
