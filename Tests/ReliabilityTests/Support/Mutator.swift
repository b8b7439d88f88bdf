import Foundation

/// Damages a text file the ways real files get damaged or mistyped: byte flips, truncation, lost or repeated
/// lines, values of the wrong YAML type, invalid UTF-8, NUL bytes, tabs, and huge values.
struct Mutator {
    enum Kind: String, CaseIterable {
        case flipByte, truncate, deleteLine, duplicateLine, swapLines, swapYAMLType, invalidUTF8, nul, tabIndent,
             hugeString, hugeNumber, deepNesting, manyItems, emptyFile, yamlNoise
    }

    /// Applies one to three random mutations; returns the new bytes and what was done (for the failure message).
    static func mutate<R: RandomNumberGenerator>(_ original: [UInt8], using rng: inout R) -> ([UInt8], [String]) {
        var bytes = original
        var done: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let kind = Kind.allCases.randomElement(using: &rng)!
            done.append(apply(kind, to: &bytes, using: &rng))
        }
        return (bytes, done)
    }

    static func apply<R: RandomNumberGenerator>(_ kind: Kind, to bytes: inout [UInt8], using rng: inout R) -> String {
        // Split into lines only for the kinds that work on lines (the tests run unoptimised).
        let byteKinds: Set<Kind> = [.flipByte, .truncate, .invalidUTF8, .nul, .emptyFile]
        var lines = byteKinds.contains(kind) ? [] : bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        func joined() -> [UInt8] { Array(lines.joined(separator: [0x0A])) }
        func randomLine() -> Int { lines.isEmpty ? 0 : Int.random(in: 0..<lines.count, using: &rng) }
        switch kind {
        case .flipByte:
            guard !bytes.isEmpty else { return "flip (empty)" }
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            return "flip byte \(i)"
        case .truncate:
            let n = Int.random(in: 0...bytes.count, using: &rng)
            bytes = Array(bytes.prefix(n))
            return "truncate to \(n)"
        case .deleteLine:
            guard !lines.isEmpty else { return "delete (empty)" }
            let i = randomLine()
            lines.remove(at: i)
            bytes = joined()
            return "delete line \(i + 1)"
        case .duplicateLine:
            guard !lines.isEmpty else { return "duplicate (empty)" }
            let i = randomLine()
            lines.insert(lines[i], at: i)
            bytes = joined()
            return "duplicate line \(i + 1)"
        case .swapLines:
            guard lines.count > 1 else { return "swap (short)" }
            let i = randomLine(), j = randomLine()
            lines.swapAt(i, j)
            bytes = joined()
            return "swap lines \(i + 1) and \(j + 1)"
        case .swapYAMLType:
            // Replace the value after a `key:` with one of another type.
            let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: ":")) }
            guard let i = candidates.randomElement(using: &rng) else { return "swap type (no key)" }
            let colon = lines[i].firstIndex(of: UInt8(ascii: ":"))!
            let values = ["[1, 2, 3]", "{a: 1, b: [x]}", "null", "~", "12345", "-7", "3.5e300", "true", "no",
                          "\"\"", "''", "!!binary aGVsbG8=", "&a x", "*nope", "- item", "|\n  block", "0x1F",
                          ".nan", "2026-11-27", "? complex\n: key"]
            let v = values.randomElement(using: &rng)!
            lines[i] = Array(lines[i][...colon]) + Array((" " + v).utf8)
            bytes = joined()
            return "line \(i + 1) value -> \(v.debugDescription)"
        case .invalidUTF8:
            let seqs: [[UInt8]] = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
                                   [0xC0, 0xAF], [0xFE, 0xFF]]
            let s = seqs.randomElement(using: &rng)!
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: s, at: at)
            return "invalid UTF-8 \(s) at \(at)"
        case .nul:
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(0, at: at)
            return "NUL at \(at)"
        case .tabIndent:
            guard !lines.isEmpty else { return "tab (empty)" }
            let i = randomLine()
            lines[i] = [0x09] + lines[i]
            bytes = joined()
            return "tab before line \(i + 1)"
        case .hugeString:
            let i = randomLine()
            let n = Int.random(in: 1...(1 << 20), using: &rng)
            let huge = Array("huge: \"".utf8) + [UInt8](repeating: UInt8(ascii: "h"), count: n) + [UInt8(ascii: "\"")]
            if lines.isEmpty { lines = [huge] } else { lines[i] = lines[i] + huge }
            bytes = joined()
            return "\(n)-byte string on line \(i + 1)"
        case .hugeNumber:
            let digits = String(repeating: "9", count: Int.random(in: 20...5000, using: &rng))
            let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: ":")) }
            guard let i = candidates.randomElement(using: &rng) else { return "huge number (no key)" }
            let colon = lines[i].firstIndex(of: UInt8(ascii: ":"))!
            lines[i] = Array(lines[i][...colon]) + Array((" " + digits).utf8)
            bytes = joined()
            return "\(digits.count)-digit number on line \(i + 1)"
        case .deepNesting:
            let depth = Int.random(in: 100...3000, using: &rng)
            let open = Bool.random(using: &rng) ? "[" : "{a: "
            let nested = String(repeating: open, count: depth)
            let i = randomLine()
            lines.insert(Array(("deep: " + nested).utf8), at: min(i, lines.count))
            bytes = joined()
            return "\(depth)-deep nesting at line \(i + 1)"
        case .manyItems:
            let n = Int.random(in: 1000...20000, using: &rng)
            let items = Array(("many: [" + String(repeating: "x, ", count: n) + "x]").utf8)
            lines.append(items)
            bytes = joined()
            return "\(n)-item list"
        case .emptyFile:
            bytes = []
            return "empty file"
        case .yamlNoise:
            let noise = ["---", "...", "%YAML 1.1", "!!map", "? ", "{", "]", "*alias", "&anchor", "<<: *x", "- - -",
                         "key: value: other", "\"unterminated", "'", "@reserved", "`", "%TAG ! tag:x,2000:"]
            let n = noise.randomElement(using: &rng)!
            lines.insert(Array(n.utf8), at: lines.isEmpty ? 0 : randomLine())
            bytes = joined()
            return "inserted \(n.debugDescription)"
        }
    }
}
