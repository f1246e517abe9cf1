/// The `Geodesy` module of migsim. See README.md for the module map.
public enum GeodesyModule {
    public static let name = "Geodesy"
}
