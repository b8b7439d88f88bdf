#ifndef PROCTUTOR_TERMINAL_GUARD_H
#define PROCTUTOR_TERMINAL_GUARD_H
#include <stdbool.h>

/* Terminal restore and signal plumbing that must run inside signal handlers, so it is written in C with only
   async-signal-safe calls (tcsetattr, write, sigaction, raise). Swift never runs in a signal handler. */

/** Saves the terminal's current modes (call before curses changes them). Returns false if fd is not a tty. */
bool pt_guard_save_termios(int fd);
/** Records the escape sequences that undo curses' screen changes (from terminfo: rmcup, cnorm, sgr0, rmkx) plus
    mouse-reporting off. Call after curses has started. */
void pt_guard_capture_reset_sequences(void);
/** Restores the saved modes and writes the reset sequences. Async-signal-safe; does nothing if nothing was saved. */
void pt_guard_restore_now(void);
/** Forgets the saved state (after a normal endwin) so the crash handlers no longer write to the terminal. */
void pt_guard_disarm(void);
/** Installs one-shot handlers (SA_RESETHAND) for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP that
    restore the terminal, put back whatever handler was there before, and re-raise the signal. */
void pt_guard_install_fatal_handlers(void);


#endif
