import Testing
@testable import ProcTutorLessons

/// Composing without tag resolution must not change which mapping keys count as repeated (Yams compares text and tag).
@Suite struct YAMLReaderTests {
    /// The problems of a lesson.yaml text, as `proctutor check` prints them.
    func problems(_ text: String) -> [String] {
        LessonParser.parse(text, path: "l.yaml", folderName: "01-a").1.map(\.description)
    }

    @Test func aPlainNumberKeyAndAQuotedOneAreTwoKeys() {
        // The default resolver makes `1` an int and `"1"` a string: two different (unknown) keys, not a repeat.
        let p = problems("id: 01-a\n1: x\n\"1\": y\n")
        #expect(p.filter { $0.contains("unknown key '1' in lesson.yaml") }.count == 2)
        #expect(!p.contains { $0.contains("more than once") })
    }

    @Test func anExplicitlyTaggedKeyRepeatsTheSamePlainKey() {
        // `!!bool yes` and a plain `yes` are the same key for the default resolver.
        #expect(problems("id: 01-a\n!!bool yes: y\nyes: z\n")
            == ["l.yaml:2:1: key 'yes' is given more than once in the same mapping; keep only one"])
    }

    @Test func repeatedKeysAndSyntaxErrorsAreReportedAsBefore() {
        #expect(problems("id: 01-a\nnumber: 1\nnumber: 2\n")
            == ["l.yaml:2:1: key 'number' is given more than once in the same mapping; keep only one"])
        #expect(problems("id: [01-a\n").first?.hasPrefix("l.yaml:2:1: YAML syntax error:") == true)
        #expect(problems("").first == "l.yaml:1:1: the file is empty; it needs the keys id, number, title, demos, text and quiz")
    }

    @Test func scalarsAreReadAsWrittenWhateverTheyLookLike() {
        // number must be a plain whole number; text values that look like numbers, booleans or null stay text.
        let p = problems("""
            id: 01-a
            number: 1
            title: { zh: yes, en: 2001-12-14 }
            demos: [{ name: ~, file: null, title: { zh: "1", en: 0x1F } }]
            text: { zh: true, en: .inf }

            """)
        #expect(p.isEmpty, "\(p)")
        #expect(problems("id: 01-a\nnumber: \"1\"\n").contains("l.yaml:2:9: 'number' must be a number, written without quotes"))
    }
}
