import CProcShim
import Glibc

/// What the supervisor asks of the kernel about itself.
public enum ThisProcess {
    /// Orphans of our descendants are reparented to us (PR_SET_CHILD_SUBREAPER). False if refused.
    @discardableResult
    public static func becomeSubreaper() -> Bool { procshim_set_child_subreaper() == 0 }

    /// `signal` arrives when the thread that started us exits (PR_SET_PDEATHSIG). False if refused.
    @discardableResult
    public static func askForSignalWhenParentDies(_ signal: Int32) -> Bool {
        procshim_set_parent_death_signal(signal) == 0
    }

    /// A process group of our own, led by us.
    public static func leadOwnProcessGroup() {
        _ = setpgid(0, 0)
    }

    /// Renames this process (`comm` and the command line as far as the original arguments reach).
    public static func setTitle(_ title: String) {
        procshim_set_process_title(title, CommandLine.unsafeArgv, CommandLine.argc)
    }

    /// Closes every descriptor from `first` on.
    public static func closeDescriptors(from first: Int32) {
        procshim_close_from(first)
    }
}
