import CCmark
import Foundation
import ProcTutorCore

/// CommonMark text → Core's `Document`, using cmark (the CommonMark reference parser).
///
/// CommonMark accepts every input, so "parses" means: the text is not empty, and it uses only what a terminal
/// can show. Raw HTML and images are kept as plain text and reported as warnings at their line and column.
public enum MarkdownParser {
    public static func parse(_ text: String, path: String) -> (Document, [Diagnostic]) {
        var walker = Walker(path: path)
        // cmark takes a pointer and a length; the C string's terminator is not counted (and keeps an empty
        // text's pointer valid).
        guard let root = text.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) })
        else {
            return (Document(blocks: []), [Diagnostic(path: path, "cmark could not parse the text")])
        }
        defer { cmark_node_free(root) }
        let blocks = walker.blocks(of: root)
        if blocks.isEmpty {
            walker.problems.append(Diagnostic(path: path, line: 1, column: 1, "the lesson text is empty"))
        }
        return (Document(blocks: blocks), walker.problems)
    }

    /// Folds cmark's tree into Core values. It recurses over `first_child`/`next` rather than driving
    /// `cmark_iter`: each value is built from its children's values, which recursion says directly, and lesson
    /// texts nest only a few levels.
    private struct Walker {
        let path: String
        var problems: [Diagnostic] = []

        mutating func warn(_ node: OpaquePointer, _ message: String) {
            problems.append(Diagnostic(path: path, line: Int(cmark_node_get_start_line(node)),
                                       column: Int(cmark_node_get_start_column(node)), message, severity: .warning))
        }

        func children(_ node: OpaquePointer) -> [OpaquePointer] {
            var out: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let c = child {
                out.append(c)
                child = cmark_node_next(c)
            }
            return out
        }

        func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        mutating func blocks(of node: OpaquePointer) -> [Block] {
            children(node).compactMap { block($0) }
        }

        mutating func block(_ node: OpaquePointer) -> Block? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH:
                return .paragraph(inlines(of: node))
            case CMARK_NODE_HEADING:
                return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                var text = literal(node)
                if text.hasSuffix("\n") { text.removeLast() }
                return .code(info: info, text: text)
            case CMARK_NODE_BLOCK_QUOTE:
                return .quote(blocks(of: node))
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                let items = children(node).map { blocks(of: $0) }
                return .list(start: ordered ? Int(cmark_node_get_list_start(node)) : nil, items: items)
            case CMARK_NODE_THEMATIC_BREAK:
                return .thematicBreak
            case CMARK_NODE_HTML_BLOCK:
                warn(node, "raw HTML is not rendered in the terminal; it is shown as plain text")
                var text = literal(node)
                if text.hasSuffix("\n") { text.removeLast() }
                return .paragraph([.text(text)])
            default:
                return nil
            }
        }

        mutating func inlines(of node: OpaquePointer) -> [Inline] {
            children(node).flatMap { inline($0) }
        }

        mutating func inline(_ node: OpaquePointer) -> [Inline] {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT: return [.text(literal(node))]
            case CMARK_NODE_SOFTBREAK: return [.softBreak]
            case CMARK_NODE_LINEBREAK: return [.hardBreak]
            case CMARK_NODE_CODE: return [.code(literal(node))]
            case CMARK_NODE_EMPH: return [.emphasis(inlines(of: node))]
            case CMARK_NODE_STRONG: return [.strong(inlines(of: node))]
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                return [.link(url: url, inlines(of: node))]
            case CMARK_NODE_IMAGE:
                warn(node, "images cannot be shown in the terminal; only their description is")
                return inlines(of: node)
            case CMARK_NODE_HTML_INLINE:
                warn(node, "raw HTML is not rendered in the terminal; it is shown as plain text")
                return [.text(literal(node))]
            default:
                return inlines(of: node)
            }
        }
    }
}
