#define _GNU_SOURCE
#include "procshim.h"
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

int procshim_set_child_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

int procshim_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }

void procshim_set_process_title(const char *title, char **argv, int argc) {
    prctl(PR_SET_NAME, title, 0, 0, 0);
    if (argc < 1 || argv == NULL || argv[0] == NULL) return;
    // The kernel shows the bytes between the first argument's start and the last one's end: overwrite them
    // only if the arguments lie there back to back, as the kernel put them.
    char *end = argv[0] + strlen(argv[0]);
    for (int i = 1; i < argc; i++) {
        if (argv[i] != end + 1) return;
        end = argv[i] + strlen(argv[i]);
    }
    size_t room = (size_t)(end - argv[0]);
    size_t length = strlen(title);
    if (length > room) length = room;
    memcpy(argv[0], title, length);
    memset(argv[0] + length, 0, room - length);
}

int procshim_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

pid_t procshim_fork(void) { return fork(); }

int procshim_thread_count(void) {
    char buf[1024];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    /* Field 20; the command (field 2) may hold spaces and parentheses, so count from its last ')'. */
    char *p = strrchr(buf, ')');
    if (!p) return -1;
    int field = 2;
    for (; *p; p++) {
        if (*p == ' ' && ++field == 20) return atoi(p + 1);
    }
    return -1;
}

void procshim_close_from(int first) {
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return;
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (int fd = first; fd < max; fd++) close(fd);
}

static void fill(sigset_t *set, const int *sigs) {
    sigemptyset(set);
    for (; *sigs; sigs++) sigaddset(set, *sigs);
}

int procshim_block_signals(const int *sigs) {
    sigset_t set;
    fill(&set, sigs);
    return sigprocmask(SIG_BLOCK, &set, NULL);
}

int procshim_signalfd(const int *sigs) {
    sigset_t set;
    fill(&set, sigs);
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int procshim_signalfd_read(int fd) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof info);
    if (n == (ssize_t)sizeof info) return (int)info.ssi_signo;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
    return -1;
}

int procshim_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

short procshim_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int procshim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *dir) {
    return posix_spawn_file_actions_addchdir_np(actions, dir);
}

/* The signal pipe: the handler only writes the signal's number as one byte (non-blocking; a full pipe already
   has a wake-up pending). One pipe per process at a time; what each signal did before is kept for restore. */
static int signal_pipe_fd = -1;
static struct sigaction saved_actions[NSIG];
static bool saved[NSIG];
static bool was_blocked[NSIG];

static void signal_pipe_handler(int sig) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)sig;
    (void)!write(signal_pipe_fd, &byte, 1);
    errno = saved_errno;
}

int procshim_signal_pipe_install(int write_fd, const int *sigs, int count) {
    signal_pipe_fd = write_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = signal_pipe_handler;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigset_t current, unblock;
    pthread_sigmask(SIG_SETMASK, NULL, &current);
    sigemptyset(&unblock);
    int rc = 0;
    for (int i = 0; i < count; i++) {
        int sig = sigs[i];
        if (sig <= 0 || sig >= NSIG) { rc = -1; continue; }
        struct sigaction old;
        if (sigaction(sig, NULL, &old) != 0) { rc = -1; continue; }
        /* Started with Ctrl-C, Ctrl-\ or hang-up ignored (`cmd &` in a script, nohup): they stay ignored, as
           Python and the shells leave them. */
        if (old.sa_handler == SIG_IGN && (sig == SIGINT || sig == SIGQUIT || sig == SIGHUP)) continue;
        if (sigaction(sig, &action, NULL) != 0) { rc = -1; continue; }
        if (!saved[sig]) {
            saved_actions[sig] = old;
            was_blocked[sig] = sigismember(&current, sig) == 1;
            saved[sig] = true;
        }
        sigaddset(&unblock, sig);
    }
    /* A blocked mask is inherited through exec (a test runner's worker thread, libdispatch's threads): unblock
       what we handle, or the signals would never arrive. */
    if (pthread_sigmask(SIG_UNBLOCK, &unblock, NULL) != 0) rc = -1;
    return rc;
}

void procshim_signal_default(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
}

void procshim_signal_restore(int sig) {
    if (sig <= 0 || sig >= NSIG || !saved[sig]) return;
    sigaction(sig, &saved_actions[sig], NULL);
    if (was_blocked[sig]) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
    }
    saved[sig] = false;
}

void procshim_signal_ignore(int sig) {
    signal(sig, SIG_IGN);
}
