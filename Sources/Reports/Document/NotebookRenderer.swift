/// Renders a `ReportDocument` as a Jupyter notebook (nbformat 4.5 JSON): narrative as markdown
/// cells; each result as a code cell whose source is the `migsim` command (as a `!migsim …`
/// shell escape, which reads naturally in a Python kernel and highlights well), with its stored
/// outputs — figures as `image/svg+xml`, tables as `text/html` and `text/plain`. The cells are not
/// executed (`execution_count` null): the outputs are those of the run the report was made from.
/// Cell ids are sequential (`cell-001`…), so the same document gives the same bytes.
public enum NotebookRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var cells: [JSONText] = []
        func markdown(_ text: String) {
            cells.append(.object(["cell_type": .string("markdown"), "id": .string(cellID(cells.count)),
                                  "metadata": .object([:]), "source": .lines(text)]))
        }
        var intro = "# " + InlineText.markdown(doc.title)
        if let subtitle = doc.subtitle { intro += "\n\n" + InlineText.markdown(subtitle) }
        intro += "\n\n**Contents**\n\n" + doc.sections.enumerated().map { "\($0.offset + 1). " + InlineText.markdown($0.element.title) }.joined(separator: "\n")
        markdown(intro)
        var figureNumber = 0, tableNumber = 0
        for section in doc.sections {
            var text = "## " + InlineText.markdown(section.title)
            func flush() { if !text.isEmpty { markdown(text); text = "" } }
            for block in section.blocks {
                switch block {
                case .paragraph(let p): text += (text.isEmpty ? "" : "\n\n") + InlineText.markdown(p)
                case .bullets(let items):
                    text += (text.isEmpty ? "" : "\n\n") + items.map { "- " + InlineText.markdown($0) }.joined(separator: "\n")
                case .result(let result):
                    flush()
                    var outputs: [JSONText] = []
                    var captions: [String] = []
                    for output in result.outputs {
                        switch output {
                        case .figure(let f):
                            figureNumber += 1
                            outputs.append(display(["image/svg+xml": .lines(f.svg.render(standalone: true)),
                                                    "text/plain": .lines("<Figure \(figureNumber): \(f.caption)>")]))
                            captions.append("*Figure \(figureNumber).* " + InlineText.markdown(f.caption))
                        case .table(let t):
                            tableNumber += 1
                            outputs.append(display(["text/html": .lines(HTMLRenderer.table(t, number: tableNumber)),
                                                    "text/plain": .lines(t.plainText)]))
                        }
                    }
                    let source = result.command.map { "!" + $0 } ?? "# (read from the pipeline's output files; no command recorded)"
                    cells.append(.object(["cell_type": .string("code"), "id": .string(cellID(cells.count)),
                                          "execution_count": .null, "metadata": .object([:]),
                                          "outputs": .array(outputs), "source": .lines(source)]))
                    if !captions.isEmpty { text = captions.joined(separator: "<br>\n") ; flush() }
                }
            }
            flush()
        }
        let metadata: JSONText = .object([
            "kernelspec": .object(["display_name": .string("Python 3 (ipykernel)"), "language": .string("python"), "name": .string("python3")]),
            "language_info": .object(["name": .string("python")]),
            "migsim": .object(doc.metadata.mapValues { .string($0) }),
        ])
        return JSONText.object(["cells": .array(cells), "metadata": metadata, "nbformat": .int(4), "nbformat_minor": .int(5)]).render()
    }

    static func display(_ data: [String: JSONText]) -> JSONText {
        .object(["output_type": .string("display_data"), "data": .object(data), "metadata": .object([:])])
    }

    static func cellID(_ k: Int) -> String {
        let s = String(k + 1)
        return "cell-" + String(repeating: "0", count: max(0, 3 - s.count)) + s
    }
}
