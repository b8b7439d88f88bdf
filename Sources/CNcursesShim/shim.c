#define _GNU_SOURCE /* wcwidth */
#include "shim.h"
#include <stdio.h>
#include <sys/ioctl.h>

bool pt_start_screen(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return false;
    set_term(screen);
    return true;
}

WINDOW *pt_stdscr(void) { return stdscr; }

int pt_window_rows(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)x; return y; }
int pt_window_cols(WINDOW *win) { int y, x; getmaxyx(win, y, x); (void)y; return x; }

int pt_colors(void) { return COLORS; }
int pt_color_pairs(void) { return COLOR_PAIRS; }

attr_t pt_attr_normal(void) { return A_NORMAL; }
attr_t pt_attr_bold(void) { return A_BOLD; }
attr_t pt_attr_dim(void) { return A_DIM; }
attr_t pt_attr_reverse(void) { return A_REVERSE; }
attr_t pt_attr_underline(void) { return A_UNDERLINE; }

int pt_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

int pt_cell_max_chars(void) { return CCHARW_MAX; }

int pt_get_wch(WINDOW *win, wint_t *out) { return wget_wch(win, out); }

bool pt_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    mmask_t got = mousemask(wanted, NULL);
    mouseinterval(0); /* report presses at once (no click detection, so a click is a press) */
    return got != 0;
}

pt_mouse_kind pt_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return PT_MOUSE_NONE;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return PT_MOUSE_WHEEL_UP;
    if (event.bstate & BUTTON5_PRESSED) return PT_MOUSE_WHEEL_DOWN;
    if (event.bstate & BUTTON1_PRESSED) return PT_MOUSE_CLICK;
    return PT_MOUSE_NONE;
}

int pt_key_f(int n) { return KEY_F(n); }

bool pt_tty_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return false;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return true;
}

void pt_force_repaint(void) { clearok(curscr, TRUE); }

int pt_char_width(wchar_t c) { return wcwidth(c); }
