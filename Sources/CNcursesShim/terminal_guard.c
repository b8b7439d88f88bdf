#define _GNU_SOURCE
#include "terminal_guard.h"
#include "shim.h"
#include <ncursesw/term.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t termios_saved = 0;
static int tty_fd = -1;
static char reset_sequences[512];
static volatile sig_atomic_t reset_length = 0;

bool pt_guard_save_termios(int fd) {
    if (tcgetattr(fd, &saved_termios) != 0) return false;
    tty_fd = fd;
    termios_saved = 1;
    return true;
}

static void append_sequence(const char *sequence, size_t *length) {
    /* tigetstr returns (char *)-1 for a non-string capability and NULL for an absent one. */
    if (sequence == NULL || sequence == (char *)-1) return;
    size_t n = strlen(sequence);
    if (*length + n >= sizeof reset_sequences) return;
    memcpy(reset_sequences + *length, sequence, n);
    *length += n;
}

void pt_guard_capture_reset_sequences(void) {
    size_t length = 0;
    /* Mouse reporting off (X10, button-event, SGR encodings): harmless where the terminal has no mouse. */
    append_sequence("\033[?1000l\033[?1002l\033[?1006l", &length);
    append_sequence(tigetstr("sgr0"), &length);
    append_sequence(tigetstr("rmkx"), &length);
    append_sequence(tigetstr("cnorm"), &length);
    append_sequence(tigetstr("rmcup"), &length);
    reset_length = (sig_atomic_t)length;
}

static void write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

void pt_guard_restore_now(void) {
    if (!termios_saved) return;
    int saved_errno = errno;
    if (reset_length > 0) write_all(tty_fd, reset_sequences, (size_t)reset_length);
    write_all(tty_fd, "\r\n", 2);
    tcsetattr(tty_fd, TCSAFLUSH, &saved_termios);
    errno = saved_errno;
}

void pt_guard_disarm(void) {
    termios_saved = 0;
    reset_length = 0;
}

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_actions[FATAL_COUNT];
static char alternate_stack[64 * 1024];

static void fatal_handler(int sig) {
    pt_guard_restore_now();
    termios_saved = 0;
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        if (fatal_signals[i] == sig) { sigaction(sig, &previous_actions[i], NULL); break; }
    }
    /* Pending until this handler returns; a synchronous fault also re-faults on return. Either way the previous
       handler (or the default action) now runs: a core dump or the runtime's crash report, on a sane terminal. */
    raise(sig);
}

void pt_guard_install_fatal_handlers(void) {
    /* A stack overflow's SIGSEGV needs a stack of its own to run the handler on. */
    stack_t stack = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
    sigaltstack(&stack, NULL);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = fatal_handler;
    action.sa_flags = SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigset_t unblock;
    sigemptyset(&unblock);
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous_actions[i]);
        sigaddset(&unblock, fatal_signals[i]);
    }
    pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
}

