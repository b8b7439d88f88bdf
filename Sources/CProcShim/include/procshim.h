// Linux process calls that Swift cannot import directly (variadic prctl/syscall, new syscalls).
#ifndef PROCSHIM_H
#define PROCSHIM_H
#include <spawn.h>
#include <sys/types.h>

/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphans of our descendants are reparented to us. 0 or -1 (errno).
int procshim_set_child_subreaper(void);
/// prctl(PR_SET_PDEATHSIG, sig): `sig` arrives when the thread that started us exits. 0 or -1 (errno).
int procshim_set_parent_death_signal(int sig);
/// Renames the calling process: its name (`comm`, what `ps -e`, `pkill` and `killall` match) becomes `title`
/// (at most 15 bytes are kept), and so does its command line (`ps -f`, `pkill -f`) as far as the memory of the
/// original arguments `argv[0..argc)` reaches; the rest of it is zeroed. The arguments must not be read after.
void procshim_set_process_title(const char *title, char **argv, int argc);
/// pidfd_open(pid, 0): a descriptor that becomes readable when `pid` ends (Linux 5.3). fd or -1 (errno).
int procshim_pidfd_open(pid_t pid);
/// close_range(first, ~0U, 0) where available, else a loop: closes every descriptor from `first` on.
void procshim_close_from(int first);
/// The calling thread's signal mask set to `sigs` (a 0-terminated list) blocked, for signalfd. 0 or -1.
int procshim_block_signals(const int *sigs);
/// A signalfd (non-blocking, close-on-exec) for a 0-terminated list of signals. fd or -1.
int procshim_signalfd(const int *sigs);
/// Reads one signalfd record; returns the signal number, 0 if none is pending, -1 on error.
int procshim_signalfd_read(int fd);
/// pipe2(fds, O_CLOEXEC). 0 or -1.
int procshim_pipe_cloexec(int fds[2]);
/// POSIX_SPAWN_SETSID (glibc defines it only with _GNU_SOURCE).
short procshim_spawn_setsid_flag(void);
/// fork(), for a caller that has checked it is single-threaded (Swift marks fork unavailable).
pid_t procshim_fork(void);
/// The number of threads of the calling process (from /proc/self/stat), or -1 if unknown.
int procshim_thread_count(void);
/// posix_spawn_file_actions_addchdir_np (glibc 2.29).
int procshim_spawn_addchdir(posix_spawn_file_actions_t *actions, const char *dir);

/// The signal pipe: each of `sigs` writes its number as one byte to `write_fd` (non-blocking) and is unblocked;
/// what it did before is kept for `procshim_signal_restore`. 0, or -1 if any could not be installed.
int procshim_signal_pipe_install(int write_fd, const int *sigs, int count);
/// `sig`'s default action (SIGTSTP before stopping for real).
void procshim_signal_default(int sig);
/// `sig` back to what it did (and whether it was blocked) before the signal pipe took it.
void procshim_signal_restore(int sig);
/// `sig` ignored (inherited as ignored by what we exec unless the spawn resets it).
void procshim_signal_ignore(int sig);

#endif
