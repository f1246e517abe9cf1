// libFuzzer target: the formula parser and its stack machine (Sources/GlobalOptimization/Formula).
// Any input must give a Formula or a FormulaError; a formula is evaluated once at x = (0.5, …).
@_cdecl("LLVMFuzzerTestOneInput")
public func formulaTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let formula = try? Formula(text) else { return 0 }
    guard formula.variableCount <= 10_000 else { return 0 }   // the caller checks it against the bounds
    _ = formula.evaluate([Double](repeating: 0.5, count: formula.variableCount))
    _ = formula.text.count
    return 0
}
