/// The `ODE` module of migsim. See README.md for the module map.
public enum ODEModule {
    public static let name = "ODE"
}
