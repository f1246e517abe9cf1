/// The report as a small document model — sections of paragraphs, bullet lists and results
/// (the `migsim` command that produced a result, with its tables and figures) — rendered both to
/// a self-contained HTML page (`HTMLRenderer`) and to a Jupyter notebook (`NotebookRenderer`).
///
/// Text is plain; a span between backticks is code (`migsim fit`). Nothing else is markup.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String?
    /// Provenance (input fingerprint, generator…): HTML `<meta>` tags and notebook metadata.
    /// Keys are emitted in sorted order.
    public var metadata: [String: String]
    public var sections: [ReportSection]

    public init(title: String, subtitle: String? = nil, metadata: [String: String] = [:], sections: [ReportSection]) {
        self.title = title; self.subtitle = subtitle; self.metadata = metadata; self.sections = sections
    }
}

/// One section: a heading (with an anchor id) and its blocks in reading order.
public struct ReportSection: Sendable {
    /// Anchor for the table of contents (letters, digits and '-').
    public var id: String
    public var title: String
    public var blocks: [ReportBlock]
    public init(id: String, title: String, blocks: [ReportBlock]) { self.id = id; self.title = title; self.blocks = blocks }
}

public enum ReportBlock: Sendable {
    case paragraph(String)
    case bullets([String])
    case result(ReportResult)
}

/// What one pipeline command produced: the command line (shown as `$ migsim …` in HTML and as
/// the source of a code cell in the notebook) and its outputs.
public struct ReportResult: Sendable {
    /// The command, e.g. `migsim fit --config models/korea/model.yaml --output out/korea/fit`;
    /// nil when the result was not produced by a recorded command.
    public var command: String?
    public var outputs: [ReportOutput]
    public init(command: String?, outputs: [ReportOutput]) { self.command = command; self.outputs = outputs }
}

public enum ReportOutput: Sendable {
    case table(ReportTable)
    case figure(ReportFigure)
}

/// A table of already formatted cells. Numeric columns are right-aligned.
public struct ReportTable: Sendable, Equatable {
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
    /// One flag per column: right-align (numbers).
    public var numeric: [Bool]
    public init(caption: String, header: [String], rows: [[String]], numeric: [Bool]? = nil) {
        self.caption = caption; self.header = header; self.rows = rows
        self.numeric = numeric ?? header.indices.map { j in
            !rows.isEmpty && rows.allSatisfy { j < $0.count && ReportTable.looksNumeric($0[j]) }
        }
    }

    static func looksNumeric(_ s: String) -> Bool {
        let t = s.replacingOccurrences(of: "\u{2009}", with: "")
        return t == "–" || Double(t) != nil
    }

    /// Plain-text rendering with padded columns (the notebook's `text/plain`).
    public var plainText: String {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            header.indices.map { j -> String in
                let cell = j < r.count ? r[j] : ""
                let pad = String(repeating: " ", count: max(0, widths[j] - cell.count))
                return numeric[j] ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = caption.isEmpty ? "" : caption + "\n"
        out += line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        out += rows.map(line).joined(separator: "\n")
        return out
    }
}

/// A chart with its caption.
public struct ReportFigure: Sendable {
    public var caption: String
    public var svg: SVG
    public init(caption: String, svg: SVG) { self.caption = caption; self.svg = svg }
}
