#include "tcpsim/live/livepair.h"
