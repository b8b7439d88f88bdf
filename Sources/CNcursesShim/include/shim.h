#ifndef PROCTUTOR_NCURSES_SHIM_H
#define PROCTUTOR_NCURSES_SHIM_H
/* Wide-character curses: the feature macro must come before the header (pkg-config's flags are refused by SwiftPM). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <stdbool.h>
#include <wchar.h>

/* Functions for what Swift cannot see in curses.h: function-like macros (COLOR_PAIR, A_*, mvwadd_wch,
   BUTTON*_PRESSED) and mutable globals (stdscr, COLORS, COLOR_PAIRS). One concern per function. */

/** Starts curses on stdin/stdout with newterm (which, unlike initscr, returns false instead of exiting). */
bool pt_start_screen(void);
/** The standard screen window. */
WINDOW *pt_stdscr(void);
/** Rows and columns of a window (getmaxyx). */
int pt_window_rows(WINDOW *win);
int pt_window_cols(WINDOW *win);
/** Number of colours and colour pairs the terminal offers after start_color (0 before). */
int pt_colors(void);
int pt_color_pairs(void);

/** Attribute bits (A_*). */
attr_t pt_attr_normal(void);
attr_t pt_attr_bold(void);
attr_t pt_attr_dim(void);
attr_t pt_attr_reverse(void);
attr_t pt_attr_underline(void);

/** Draws one cell: a grapheme of up to CCHARW_MAX wide chars (NUL-terminated) with attributes and a colour pair.
    Returns OK or ERR (ERR in the bottom-right corner is expected and harmless). */
int pt_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair);
/** Most wide chars one cell holds (CCHARW_MAX). */
int pt_cell_max_chars(void);

/** Reads one key: returns OK (a character in *out), KEY_CODE_YES (a KEY_* code in *out) or ERR (nothing). */
int pt_get_wch(WINDOW *win, wint_t *out);

/** Reports wheel up/down and left clicks (no motion events); returns false where the terminal has no mouse. */
bool pt_enable_mouse(void);
/** The kind of the mouse event just read after KEY_MOUSE. */
typedef enum { PT_MOUSE_NONE = 0, PT_MOUSE_WHEEL_UP, PT_MOUSE_WHEEL_DOWN, PT_MOUSE_CLICK } pt_mouse_kind;
pt_mouse_kind pt_get_mouse(int *x, int *y);

/** The tty's size from the kernel (TIOCGWINSZ); false if fd is not a terminal. */
bool pt_tty_size(int fd, int *rows, int *cols);

/** Makes the next update repaint every cell (clearok on curscr), after the screen may have been changed behind curses. */
void pt_force_repaint(void);
/** Columns a wide character takes in this locale (wcwidth): -1 for non-printables. */
int pt_char_width(wchar_t c);

/** KEY_F(n). */
int pt_key_f(int n);

#endif
