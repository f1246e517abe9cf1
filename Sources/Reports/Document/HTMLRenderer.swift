/// Renders a `ReportDocument` as one self-contained HTML5 file: inline CSS (screen and print),
/// inline SVG, no scripts and no external references (no links to stylesheets, fonts, images or
/// scripts; the only `href`s are in-page anchors of the table of contents).
public enum HTMLRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        for key in doc.metadata.keys.sorted() {
            h += "<meta name=\"migsim:\(escape(key))\" content=\"\(escape(doc.metadata[key]!))\">\n"
        }
        h += "<title>\(escape(doc.title))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>\(InlineText.html(doc.title))</h1>\n"
        if let subtitle = doc.subtitle { h += "<p class=\"subtitle\">\(InlineText.html(subtitle))</p>\n" }
        h += "</header>\n<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n"
        for s in doc.sections { h += "<li><a href=\"#\(anchor(s.id))\">\(InlineText.html(s.title))</a></li>\n" }
        h += "</ol>\n</nav>\n<main>\n"
        var figureNumber = 0, tableNumber = 0
        for s in doc.sections {
            h += "<section id=\"\(anchor(s.id))\">\n<h2>\(InlineText.html(s.title))</h2>\n"
            for block in s.blocks {
                switch block {
                case .paragraph(let text): h += "<p>\(InlineText.html(text))</p>\n"
                case .bullets(let items):
                    h += "<ul>\n" + items.map { "<li>\(InlineText.html($0))</li>\n" }.joined() + "</ul>\n"
                case .result(let result):
                    h += "<div class=\"result\">\n"
                    if let command = result.command {
                        h += "<pre class=\"command\"><span class=\"prompt\">$ </span>\(escape(command))</pre>\n"
                    }
                    for output in result.outputs {
                        switch output {
                        case .table(let t):
                            tableNumber += 1
                            h += table(t, number: tableNumber)
                        case .figure(let f):
                            figureNumber += 1
                            h += "<figure>\n\(f.svg.render(standalone: false))<figcaption>Figure \(figureNumber). \(InlineText.html(f.caption))</figcaption>\n</figure>\n"
                        }
                    }
                    h += "</div>\n"
                }
            }
            h += "</section>\n"
        }
        h += "</main>\n<footer>Written by <code>migsim report</code>.</footer>\n</body>\n</html>\n"
        return h
    }

    /// An HTML table (also the notebook's `text/html` output).
    public static func table(_ t: ReportTable, number: Int? = nil) -> String {
        var h = "<div class=\"table-wrap\"><table>\n"
        if !t.caption.isEmpty || number != nil {
            let prefix = number.map { "Table \($0). " } ?? ""
            h += "<caption>\(prefix)\(InlineText.html(t.caption))</caption>\n"
        }
        // Alignment also inline: Jupyter's stylesheet right-aligns every output table cell.
        func align(_ j: Int) -> String { t.numeric[j] ? " class=\"num\" style=\"text-align: right\"" : " style=\"text-align: left\"" }
        h += "<thead><tr>" + t.header.indices.map { j in "<th\(align(j))>\(escape(t.header[j]))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in t.rows {
            h += "<tr>" + t.header.indices.map { j in "<td\(align(j))>\(escape(j < r.count ? r[j] : ""))</td>" }.joined() + "</tr>\n"
        }
        return h + "</tbody>\n</table></div>\n"
    }

    public static func escape(_ s: String) -> String { SVG.escape(s) }

    static func anchor(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
    }

    static let stylesheet = """
    :root { --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --accent: #0b5cad; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1120px; padding: 24px 32px 48px; color: var(--ink);
           font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    header h1 { margin: 0 0 4px; font-size: 28px; }
    .subtitle { margin: 0 0 16px; color: var(--muted); }
    nav.toc { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 20px; margin: 16px 0 24px; background: #f6f8fa; }
    nav.toc h2 { font-size: 15px; margin: 6px 0; border: none; }
    nav.toc ol { margin: 4px 0 8px; padding-left: 22px; columns: 2; }
    a { color: var(--accent); text-decoration: none; }
    h2 { font-size: 21px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin-top: 36px; }
    code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
    code { background: #eff1f3; padding: 1px 4px; border-radius: 4px; }
    pre.command { background: #1f2328; color: #e6edf3; padding: 8px 12px; border-radius: 6px; overflow-x: auto;
                  white-space: pre-wrap; word-break: break-all; }
    pre.command .prompt { color: #7ee787; }
    .result { margin: 16px 0 24px; }
    figure { margin: 12px 0 20px; overflow-x: auto; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
    .table-wrap { overflow-x: auto; margin: 12px 0 20px; }
    table { border-collapse: collapse; font-size: 13px; }
    caption { text-align: left; color: var(--muted); padding-bottom: 4px; width: max-content; max-width: 960px; white-space: normal; }
    th, td { border-bottom: 1px solid var(--rule); padding: 3px 10px; text-align: left; white-space: nowrap; }
    th { background: #f6f8fa; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--rule); padding-top: 8px; }
    @media print {
      @page { size: A4; margin: 15mm; }
      body { max-width: none; padding: 0; font-size: 11pt; }
      nav.toc { display: none; }
      h2 { break-after: avoid; }
      figure, table, pre.command { break-inside: avoid; }
      pre.command, caption { break-after: avoid; }
      section { break-before: auto; }
      pre.command { background: #ffffff; color: #000000; border: 1px solid #999999; }
      pre.command .prompt { color: #000000; }
      a { color: inherit; }
    }

    """
}
