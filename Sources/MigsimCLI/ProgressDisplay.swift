import Foundation

/// Progress of a long iteration: a bar with the current loss and the estimated time left when
/// standard error is a terminal, plain log lines (every tenth of the work) otherwise.
struct ProgressDisplay {
    let total: Int
    let label: String
    let interactive: Bool
    let started = Date()
    private var lastDraw = Date.distantPast
    private var lastDecile = -1
    private let startIteration: Int

    init(total: Int, label: String, startIteration: Int = 0, interactive: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = max(total, 1); self.label = label; self.interactive = interactive; self.startIteration = startIteration
    }

    mutating func update(iteration: Int, phase: String, loss: Double) {
        let elapsed = Date().timeIntervalSince(started)
        let done = iteration - startIteration
        let eta = done > 0 ? elapsed / Double(done) * Double(total - iteration) : .nan
        if interactive {
            guard Date().timeIntervalSince(lastDraw) > 0.1 || iteration == total else { return }
            lastDraw = Date()
            let width = 30
            let filled = min(width, width * iteration / total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "\r\(label) \(bar) \(iteration)/\(total) \(phase) loss \(String(format: "%.4e", loss)) ETA \(ProgressDisplay.clock(eta))  "
            Log.write(line)
        } else {
            let decile = 10 * iteration / total
            guard decile != lastDecile else { return }
            lastDecile = decile
            Log.info("\(label): iteration \(iteration)/\(total) (\(phase)), loss \(String(format: "%.6e", loss)), "
                     + "elapsed \(ProgressDisplay.clock(elapsed)), ETA \(ProgressDisplay.clock(eta))")
        }
    }

    func finish() {
        if interactive { Log.write("\n") }
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
