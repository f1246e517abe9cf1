/// The `DataIO` module of migsim. See README.md for the module map.
public enum DataIOModule {
    public static let name = "DataIO"
}
