/// The `FlowBalancing` module of migsim. See README.md for the module map.
public enum FlowBalancingModule {
    public static let name = "FlowBalancing"
}
