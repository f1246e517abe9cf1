/// The `GlobalOptimization` module of migsim. See README.md for the module map.
public enum GlobalOptimizationModule {
    public static let name = "GlobalOptimization"
}
