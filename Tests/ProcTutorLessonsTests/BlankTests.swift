import Foundation
import Testing
@testable import ProcTutorLessons

/// The native whitespace checks hold exactly what Foundation's sets hold, so the readers' messages do not change.
@Suite struct BlankTests {
    @Test func scalarSetsMatchFoundation() {
        // Every whitespace scalar is in the Basic Multilingual Plane; the rest of it shows nothing else slips in.
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(s.isBlank == CharacterSet.whitespacesAndNewlines.contains(s), "U+\(String(v, radix: 16))")
            #expect(s.isSpaceOrTab == CharacterSet.whitespaces.contains(s), "U+\(String(v, radix: 16))")
        }
    }

    @Test func trimsAsFoundationDoes() {
        let texts = ["", " ", " a ", "\t b\u{3000}", "\u{200B}c d\u{A0}", "\n e \n", "  中文  ", "a\u{301} ", " \u{301}x",
                     "👩‍👩‍👧 ", "\u{2028}f\u{2029}"]
        for t in texts {
            #expect(t.trimmingScalars(where: \.isSpaceOrTab) == t.trimmingCharacters(in: .whitespaces), "\(t.debugDescription)")
            #expect(t.isBlank == t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(t.debugDescription)")
        }
    }
}
