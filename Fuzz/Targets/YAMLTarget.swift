// libFuzzer target: YAML configuration input (YAMLLimits over libyaml events, then Yams's composer,
// as YAMLNodes.compose does for model.yaml, scenarios and optimize problem files). Any input must
// be refused with a DataError or composed into a tree, which is then walked once.
import Yams

@_cdecl("LLVMFuzzerTestOneInput")
public func yamlTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        guard let root = try YAMLNodes.compose(text, file: "fuzz.yaml") else { return 0 }
        var stack = [root], nodes = 0
        while let node = stack.popLast() {
            nodes += 1
            precondition(nodes <= YAMLLimits.maximumNodes + 1, "more nodes than the limit let through")
            switch node {
            case .scalar(let s): _ = s.string.count
            case .sequence(let s): stack.append(contentsOf: s)
            case .mapping(let m): for (k, v) in m { stack.append(k); stack.append(v) }
            }
        }
    } catch {
        precondition(error.file == "fuzz.yaml")
        _ = error.description
    }
    return 0
}
