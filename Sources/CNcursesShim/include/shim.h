#ifndef PROCTUTOR_NCURSES_SHIM_H
#define PROCTUTOR_NCURSES_SHIM_H
/* Wide-character curses: the feature macro must come before the header (pkg-config's flags are refused by SwiftPM). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#endif
