import ProcTutorCore
import Testing
@testable import ProcTutorTerminal

@Suite struct LocaleSetupTests {
    @Test func theVariableThatDecidesTheCharacterSet() {
        #expect(LocaleSetup.requestedLocale(["LANG": "zh_CN.UTF-8", "LC_ALL": ""]) == ("LANG", "zh_CN.UTF-8"))
        #expect(LocaleSetup.requestedLocale(["LANG": "zh_CN.UTF-8", "LC_CTYPE": "fr_FR"]) == ("LC_CTYPE", "fr_FR"))
        #expect(LocaleSetup.requestedLocale(["LANG": "x", "LC_ALL": "de_DE.UTF-8"]) == ("LC_ALL", "de_DE.UTF-8"))
    }

    @Test func codesetNames() {
        #expect(LocaleSetup.isUTF8("UTF-8") && LocaleSetup.isUTF8("utf8"))
        #expect(!LocaleSetup.isUTF8("ANSI_X3.4-1968") && !LocaleSetup.isUTF8("ISO-8859-1") && !LocaleSetup.isUTF8(""))
    }

    @Test func theNoteIsInTheTutorialsLanguage() {
        let missing = LocaleSetup.Fallback(requested: "zh_CN.UTF-8", variable: "LANG", codeset: nil, used: "C.UTF-8")
        #expect(LocaleSetup.note(missing, lang: .en) == "proctutor: the locale zh_CN.UTF-8 (from LANG) is not installed "
            + "on this machine; the screen used C.UTF-8 instead. Install it (e.g. sudo locale-gen zh_CN.UTF-8) or set "
            + "LANG to a UTF-8 locale that `locale -a` lists.")
        #expect(LocaleSetup.note(missing, lang: .zh).hasPrefix("proctutor：区域设置 zh_CN.UTF-8（来自 LANG）在本机未安装，屏幕改用 C.UTF-8"))
        let latin = LocaleSetup.Fallback(requested: "de_DE", variable: "LC_ALL", codeset: "ISO-8859-1", used: "C.UTF-8")
        #expect(LocaleSetup.note(latin, lang: .en).contains("uses ISO-8859-1, not UTF-8; the screen used C.UTF-8 instead. Set LC_ALL"))
    }
}
