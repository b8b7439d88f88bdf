import ProcTutorCore

/// Why a program could not be started or a run could not begin, in both languages (`description` is the English).
public struct RunError: Error, CustomStringConvertible, Equatable {
    public var message: Localized
    public var description: String { message.en }
    public init(zh: String, en: String) { message = Localized(zh: zh, en: en) }
    public func text(_ lang: Lang) -> String { message[lang] }
}
