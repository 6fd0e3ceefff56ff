// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/config.h"

namespace tcpsim {

const char *profileName(Profile profile)
{
    return profile == Profile::Linux ? "linux" : "rfc";
}

std::optional<Profile> parseProfile(std::string_view text)
{
    if (text == "rfc" || text == "rfc9293")
        return Profile::Rfc9293;
    if (text == "linux")
        return Profile::Linux;
    return std::nullopt;
}

} // namespace tcpsim
