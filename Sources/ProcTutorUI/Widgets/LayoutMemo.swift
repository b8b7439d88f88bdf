import Synchronization

/// Lines laid out at a width, kept from one frame to the next. The lesson text and the program in the code pane
/// do not change while a run redraws the other panes up to 30 times a second, and laying them out again was most
/// of such a frame's work. The view stays a function of the state: an entry is used only when its input equals
/// the one asked for, a check that costs nothing for the same value (arrays and strings that share storage
/// compare equal without reading it) and is still right for equal values from elsewhere (tests, a reloaded file).
final class LayoutMemo<Input: Equatable & Sendable>: Sendable {
    private struct Entry: Sendable {
        var input: Input
        var width: Int
        var lines: [StyledLine]
    }

    private let entries = Mutex<[Entry]>([])
    private let capacity: Int

    /// `capacity`: how many (input, width) layouts are kept, the most recently used first.
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func lines(_ input: Input, width: Int, layout: (Input, Int) -> [StyledLine]) -> [StyledLine] {
        if let hit = entries.withLock({ list -> [StyledLine]? in
            guard let i = list.firstIndex(where: { $0.width == width && $0.input == input }) else { return nil }
            let entry = list.remove(at: i)
            list.insert(entry, at: 0)
            return entry.lines
        }) { return hit }
        // Laid out outside the lock: a slow layout never holds up another caller.
        let lines = layout(input, width)
        entries.withLock { list in
            list.insert(Entry(input: input, width: width, lines: lines), at: 0)
            if list.count > capacity { list.removeLast(list.count - capacity) }
        }
        return lines
    }
}
